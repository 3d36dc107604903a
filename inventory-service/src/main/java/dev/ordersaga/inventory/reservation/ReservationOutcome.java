package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.time.Instant;
import java.util.Locale;

/**
 * The answer to a ReserveInventory command: RESERVED or REJECTED. A repeated command gets the first answer again,
 * even when the reservation was released or committed since.
 *
 * @param status RESERVED or REJECTED
 * @param reason why nothing was reserved; null when RESERVED
 * @param detail human-readable context for a rejection, e.g. which product was short
 * @param decidedAt when the decision was first made (a replay carries the original time)
 * @param replayed whether this decision was recorded earlier and is returned again for a duplicate command
 */
public record ReservationOutcome(String orderId, ReservationStatus status, ReservationFailureReason reason,
        String detail, Instant decidedAt, boolean replayed) {

    static ReservationOutcome reserved(String orderId, Instant at) {
        return new ReservationOutcome(orderId, ReservationStatus.RESERVED, null, null, at, false);
    }

    static ReservationOutcome rejected(String orderId, ReservationFailureReason reason, String detail, Instant at) {
        return new ReservationOutcome(orderId, ReservationStatus.REJECTED, reason, detail, at, false);
    }

    /** The answer recorded in {@code reservation}, for a command that comes again. */
    static ReservationOutcome replayOf(Reservation reservation) {
        var status = reservation.heldStock() ? ReservationStatus.RESERVED : ReservationStatus.REJECTED;
        return new ReservationOutcome(reservation.orderId(), status, reservation.reason(), reservation.detail(),
                reservation.createdAt(), true);
    }

    /** This decision as it is recorded. */
    Reservation toReservation() {
        return new Reservation(orderId, status, reason, detail, decidedAt, null);
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
}
