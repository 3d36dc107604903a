package dev.ordersaga.inventory.reservation;

import java.util.SortedSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes no locks beyond the row locks of the final versioned updates: cheap while batches rarely share products.
 * A conflict (the stock moved between read and write) rolls the batch back; it is run again at once, and the
 * commands that keep conflicting go to a retry topic instead of holding up their partition.
 */
@Component
class OptimisticReservationStrategy implements ReservationStrategy {

    private final TransactionTemplate transaction;

    OptimisticReservationStrategy(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    @Override
    public String name() {
        return "optimistic";
    }

    @Override
    public <T> T write(Supplier<SortedSet<String>> productIds, Supplier<T> readModifyWrite) {
        return transaction.execute(status -> readModifyWrite.get());
    }
}
