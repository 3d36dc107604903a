package dev.ordersaga.order.api;

import dev.ordersaga.order.OrderStatus;

/**
 * The answer to {@code POST /orders/{orderId}/cancel}: the saga was asked to cancel the order and decides; poll
 * the order's Location until its status is final (CANCELLED, or PAID if the payment got there first).
 *
 * @param status the order's status now, PENDING or AWAITING_PAYMENT
 */
public record CancellationAccepted(String orderId, OrderStatus status) {
}
