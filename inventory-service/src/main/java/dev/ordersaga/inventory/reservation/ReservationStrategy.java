package dev.ordersaga.inventory.reservation;

import java.util.SortedSet;
import java.util.function.Supplier;

/**
 * How one try at a batch of commands is protected against concurrent changes of the same products. The batch's
 * read-modify-write ({@link ReservationService}) runs through the selected strategy in one transaction and writes
 * stock only with versioned updates; the strategies differ in what surrounds that transaction. Selected by
 * {@code inventory.reservation.strategy}.
 */
public interface ReservationStrategy {

    /** The value of {@code inventory.reservation.strategy} that selects this strategy. */
    String name();

    /**
     * Runs {@code readModifyWrite} once, in one transaction.
     *
     * @param productIds the products whose stock the work may change, in product-id order (read only by a
     *     strategy that locks them)
     * @throws ReservationConflictException when a concurrent change was detected (or, for a locking strategy, the
     *     locks were not acquired); the transaction was rolled back, and another try may succeed
     */
    <T> T write(Supplier<SortedSet<String>> productIds, Supplier<T> readModifyWrite);
}
