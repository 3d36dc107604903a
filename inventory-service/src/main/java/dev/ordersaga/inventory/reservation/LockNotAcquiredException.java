package dev.ordersaga.inventory.reservation;

/**
 * The {@code distributed-lock} strategy could not lock every product of a command within its tries. Nothing was
 * read or written; like any conflict, the command goes to a retry topic.
 */
public class LockNotAcquiredException extends ReservationConflictException {

    public LockNotAcquiredException(String message) {
        super(message);
    }
}
