package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReserveInventory;

/**
 * How one attempt to reserve an order is protected against concurrent reservations of the same products. Every
 * strategy runs {@link StockReserver}'s read-modify-write in one transaction; they differ in what surrounds it.
 * Selected by {@code inventory.reservation.strategy}.
 */
public interface ReservationStrategy {

    /** The value of {@code inventory.reservation.strategy} that selects this strategy. */
    String name();

    /**
     * Reserves every line of the order in one transaction, or records why not; returns the recorded outcome when
     * the order was decided before.
     *
     * @throws ReservationConflictException when a concurrent change was detected; the transaction was rolled
     *     back, and another attempt may succeed
     */
    ReservationOutcome reserve(ReserveInventory command);
}
