package dev.ordersaga.order;

import java.time.Instant;
import java.util.List;

/**
 * An order as order-service shows it: also the body of {@code GET /orders/{orderId}}.
 *
 * @param reason why the order did not go through (e.g. OUT_OF_STOCK); null otherwise
 * @param createdAt when the order was placed
 * @param updatedAt when its status last changed
 * @param paymentSubmittedAt when the customer submitted a payment through this service; null until then
 * @param cancellationRequestedAt when the customer asked this service to cancel the order; null until then
 */
public record Order(
        String orderId,
        String customerId,
        OrderStatus status,
        String reason,
        List<Line> lines,
        Instant createdAt,
        Instant updatedAt,
        Instant paymentSubmittedAt,
        Instant cancellationRequestedAt) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** An order nobody has paid for or asked to cancel (yet). */
    public Order(String orderId, String customerId, OrderStatus status, String reason, List<Line> lines,
            Instant createdAt, Instant updatedAt) {
        this(orderId, customerId, status, reason, lines, createdAt, updatedAt, null, null);
    }

    /** One product of an order and how many units of it. */
    public record Line(String productId, int quantity) {
    }
}
