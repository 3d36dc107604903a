package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What was decided for an order.
 *
 * @param reason why nothing was reserved; null when RESERVED
 * @param detail human-readable context for a rejection, e.g. which product was short
 * @param decidedAt when the decision was first made (a replay carries the original time)
 * @param replayed whether this decision was recorded earlier and is returned again for a duplicate command
 */
public record ReservationOutcome(String orderId, ReservationStatus status, ReservationFailureReason reason,
        String detail, Instant decidedAt, boolean replayed) {

    static ReservationOutcome reserved(String orderId) {
        return new ReservationOutcome(orderId, ReservationStatus.RESERVED, null, null, now(), false);
    }

    static ReservationOutcome rejected(String orderId, ReservationFailureReason reason, String detail) {
        return new ReservationOutcome(orderId, ReservationStatus.REJECTED, reason, detail, now(), false);
    }

    ReservationOutcome asReplay() {
        return new ReservationOutcome(orderId, status, reason, detail, decidedAt, true);
    }

    public boolean isReserved() {
        return status == ReservationStatus.RESERVED;
    }

    /** The {@code outcome} tag of the reservations counter. */
    String metricTag() {
        if (replayed) {
            return "duplicate";
        }
        return isReserved() ? "reserved" : reason.name().toLowerCase(Locale.ROOT);
    }

    // Events carry milliseconds; deciding at that precision makes a replay identical to the first publication.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
