package dev.ordersaga.inventory.reservation;

import java.util.Set;

/**
 * A batch's writes met concurrent changes: stock rows whose version moved since the batch read them, or orders
 * decided or settled meanwhile by another writer. The batch's transaction rolls back; {@link #commands()} are the
 * ones whose outcome depended on what changed, the others may be applied again as they are.
 */
class BatchConflictException extends ReservationConflictException {

    private final Set<Integer> commands;

    BatchConflictException(String message, Set<Integer> commands) {
        super(message);
        this.commands = Set.copyOf(commands);
    }

    /** The positions, in the batch, of the commands that conflicted. */
    Set<Integer> commands() {
        return commands;
    }
}
