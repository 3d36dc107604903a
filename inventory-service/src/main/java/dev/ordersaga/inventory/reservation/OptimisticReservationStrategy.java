package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReserveInventory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes no locks beyond the row locks of the final versioned updates: cheap while orders rarely share products,
 * and a conflict (the stock moved between read and write) rolls the attempt back for {@link ConflictRetry}.
 */
@Component
class OptimisticReservationStrategy implements ReservationStrategy {

    private final TransactionTemplate transaction;
    private final StockReserver reserver;

    OptimisticReservationStrategy(TransactionTemplate transaction, StockReserver reserver) {
        this.transaction = transaction;
        this.reserver = reserver;
    }

    @Override
    public String name() {
        return "optimistic";
    }

    @Override
    public ReservationOutcome reserve(ReserveInventory command) {
        return transaction.execute(status -> reserver.reserve(command));
    }
}
