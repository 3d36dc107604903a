package dev.ordersaga.order.status;

import dev.ordersaga.order.OrderStatus;
import java.time.Instant;

/**
 * One step in an order's history.
 *
 * @param reason why the order ended in this status (e.g. PAYMENT_DECLINED); null otherwise
 * @param changedAt when the saga moved the order to this status (for PENDING: when it was placed)
 */
public record StatusTransition(OrderStatus status, String reason, Instant changedAt) {
}
