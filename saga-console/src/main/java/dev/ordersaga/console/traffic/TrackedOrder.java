package dev.ordersaga.console.traffic;

import dev.ordersaga.messages.OrderStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the console knows of one order from its messages: when it was placed, what it holds, its latest status and
 * when it settled. Messages of different topics arrive in no fixed order (the order-status record of an order may
 * be read before its OrderPlaced), so each fact is kept as it comes and nothing assumes which came first.
 */
final class TrackedOrder {

    private final String orderId;
    private String lines;
    private Instant placedAt;
    /** Whether the console read the order's OrderPlaced, i.e. saw it placed while watching. */
    private boolean placedSeen;
    private OrderStatus status;
    private String reason;
    private Instant settledAt;

    TrackedOrder(String orderId) {
        this.orderId = orderId;
    }

    String orderId() {
        return orderId;
    }

    String lines() {
        return lines;
    }

    Instant placedAt() {
        return placedAt;
    }

    boolean placedSeen() {
        return placedSeen;
    }

    OrderStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    void placed(Instant at, String orderLines) {
        placedSeen = true;
        placedAt = at;
        lines = orderLines;
    }

    /** The saga's word on the order; a status record also says what the order holds and when it was placed. */
    void statusChanged(OrderStatus newStatus, String newReason, Instant orderPlacedAt, String orderLines,
            Instant changedAt) {
        status = newStatus;
        reason = newReason;
        if (placedAt == null) {
            placedAt = orderPlacedAt;
        }
        if (lines == null) {
            lines = orderLines;
        }
        if (settledAt == null && (newStatus == OrderStatus.AWAITING_PAYMENT || newStatus == OrderStatus.FAILED)) {
            settledAt = changedAt;
        }
    }

    /**
     * From placed to settled (its first AWAITING_PAYMENT or FAILED), for an order the console saw both of: one
     * placed before the console started may show a FAILED that followed an AWAITING_PAYMENT it never saw.
     */
    Duration timeToSettle() {
        if (!placedSeen || settledAt == null || placedAt == null) {
            return null;
        }
        return Duration.between(placedAt, settledAt);
    }
}
