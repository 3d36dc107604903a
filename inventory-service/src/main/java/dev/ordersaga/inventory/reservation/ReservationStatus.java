package dev.ordersaga.inventory.reservation;

/** The recorded state of an order's reservation. */
public enum ReservationStatus {
    /** Every line's quantity moved from available to reserved stock. */
    RESERVED,
    /** Nothing reserved; the reason says why. */
    REJECTED
}
