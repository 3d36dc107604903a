package dev.ordersaga.inventory.reservation;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Stock read for an order changed before the change could be written, or another command for the same order was
 * recorded concurrently. The transaction must roll back; handling the command again from the read is safe, so this
 * is the one failure {@link InventoryCommandListener} sends to a retry topic.
 */
public class ReservationConflictException extends OptimisticLockingFailureException {

    public ReservationConflictException(String message) {
        super(message);
    }
}
