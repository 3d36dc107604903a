package dev.ordersaga.inventory.reservation;

import java.util.SortedSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes no locks beyond the row locks of the final versioned updates: cheap while orders rarely share products.
 * A conflict (the stock moved between read and write) rolls the attempt back, and the command goes to a retry
 * topic instead of holding up its partition.
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
    public <T> T write(SortedSet<String> productIds, Supplier<T> readModifyWrite) {
        return transaction.execute(status -> readModifyWrite.get());
    }
}
