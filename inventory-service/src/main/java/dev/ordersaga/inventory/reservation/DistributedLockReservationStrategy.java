package dev.ordersaga.inventory.reservation;

import java.util.SortedSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The design being replaced, kept to measure against: lock every product of the batch (in product-id order, so
 * that two batches cannot deadlock), run the read-modify-write transaction, unlock. Waiting for a lock blocks the
 * consumer thread, as it did in the old system, but never longer than the lock wait timeout per try: locks not
 * acquired are a conflict, and the batch's commands go to a retry topic. The versioned updates stay: they still
 * catch writers that take no lock, such as the stock API.
 */
@Component
class DistributedLockReservationStrategy implements ReservationStrategy {

    private final ProductLocks locks;
    private final TransactionTemplate transaction;

    DistributedLockReservationStrategy(ProductLocks locks, TransactionTemplate transaction) {
        this.locks = locks;
        this.transaction = transaction;
    }

    @Override
    public String name() {
        return "distributed-lock";
    }

    @Override
    public <T> T write(Supplier<SortedSet<String>> productIds, Supplier<T> readModifyWrite) {
        try (ProductLocks.Held held = locks.lockAll(productIds.get())) {
            return transaction.execute(status -> readModifyWrite.get());
        }
    }
}
