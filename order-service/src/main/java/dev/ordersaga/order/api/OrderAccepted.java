package dev.ordersaga.order.api;

import dev.ordersaga.order.OrderStatus;

/** The answer to {@code POST /orders}: the order exists and its saga has started; poll its Location. */
public record OrderAccepted(String orderId, OrderStatus status) {
}
