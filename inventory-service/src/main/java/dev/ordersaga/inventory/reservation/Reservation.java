package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.time.Instant;

/**
 * An order's reservation as recorded: the idempotency record every command for the order is checked against.
 *
 * @param reason why nothing was reserved; null exactly when the order held stock at some point
 * @param detail human-readable context for the reason
 * @param createdAt when the reservation was decided (or, for an order released before that, when it was released)
 * @param endedAt when it was released or committed; null while RESERVED or REJECTED
 */
public record Reservation(String orderId, ReservationStatus status, ReservationFailureReason reason, String detail,
        Instant createdAt, Instant endedAt) {

    /** Whether the order's lines were reserved (they may have been released or committed since). */
    public boolean heldStock() {
        return reason == null;
    }

    Reservation ended(ReservationStatus endStatus, Instant at) {
        return new Reservation(orderId, endStatus, reason, detail, createdAt, at);
    }
}
