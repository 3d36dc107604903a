package dev.ordersaga.inventory.reservation;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Stock read for an order changed before the reservation could be written, or the same order was recorded
 * concurrently. The transaction must roll back; trying again from the read is safe.
 */
public class ReservationConflictException extends OptimisticLockingFailureException {

    public ReservationConflictException(String message) {
        super(message);
    }
}
