package dev.ordersaga.order.status;

import java.util.List;

/** The body of {@code GET /orders/{orderId}/history}: each status the order reached, oldest first. */
public record OrderHistory(String orderId, List<StatusTransition> transitions) {

    public OrderHistory {
        transitions = List.copyOf(transitions);
    }
}
