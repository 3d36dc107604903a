package dev.ordersaga.inventory.reservation;

/** The recorded state of an order's reservation. */
public enum ReservationStatus {
    /** Every line's quantity moved from available to reserved stock. */
    RESERVED,
    /** Nothing reserved; the reason says why. */
    REJECTED,
    /**
     * Ended by ReleaseInventory. Its units went back to available stock if it was RESERVED; otherwise it keeps the
     * reason why nothing was reserved (an order released before its reservation was decided gets INVALID_ORDER).
     */
    RELEASED,
    /** Ended by CommitInventory: its units left the stock for good. */
    COMMITTED
}
