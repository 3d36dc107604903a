package dev.ordersaga.order;

import java.util.Arrays;
import java.util.List;

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

    private final int rank;

    OrderStatus(int rank) {
        this.rank = rank;
    }

    /** Whether an order in this status moves to {@code next} when told so. */
    public boolean canMoveTo(OrderStatus next) {
        return next.rank > rank;
    }

    /** The statuses an order may be in for {@code this} to replace its status. */
    public List<OrderStatus> replaceableStatuses() {
        return Arrays.stream(values()).filter(status -> status.canMoveTo(this)).toList();
    }

    /** The same status of the saga's wire enum. */
    public static OrderStatus of(dev.ordersaga.messages.OrderStatus status) {
        return valueOf(status.name());
    }
}
