package dev.ordersaga.order;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The statuses the API shows, ranked by how far the saga got. Status events can arrive late or twice; an order
 * only ever moves to a status of higher rank, so a stale event never moves it back and a final status stays.
 */
public enum OrderStatus {
    PENDING(0),
    AWAITING_PAYMENT(1),
    PAID(2),
    CANCELLED(2),
    EXPIRED(2),
    FAILED(2);

    /** Earlier steps of the saga first; the final statuses, which share a rank, in declaration order. */
    public static final Comparator<OrderStatus> SAGA_ORDER =
            Comparator.<OrderStatus>comparingInt(status -> status.rank).thenComparing(Comparator.naturalOrder());

    private final int rank;

    OrderStatus(int rank) {
        this.rank = rank;
    }

    /** How far the saga got; an order only moves to a higher rank. */
    int rank() {
        return rank;
    }

    /** Whether an order in this status moves to {@code next} when told so. */
    public boolean canMoveTo(OrderStatus next) {
        return next.rank > rank;
    }

    /** Whether the saga is over for an order in this status: it never moves on from here. */
    public boolean isFinal() {
        return Arrays.stream(values()).noneMatch(this::canMoveTo);
    }

    /** The same status of the saga's wire enum. */
    public static OrderStatus of(dev.ordersaga.messages.OrderStatus status) {
        return valueOf(status.name());
    }
}
