package dev.ordersaga.order.view;

import dev.ordersaga.order.StoredOrder;

/**
 * An order as {@code GET /orders/{orderId}} shows it, serialized once.
 *
 * @param body the JSON the API answers with
 * @param etag a strong entity tag: the row's version, the same on every instance
 */
public record OrderView(String orderId, long version, byte[] body, String etag) {

    static OrderView of(StoredOrder stored, byte[] body) {
        return new OrderView(stored.orderId(), stored.version(), body, "\"" + stored.version() + "\"");
    }

    /** The newer of two views of one order. */
    static OrderView newer(OrderView a, OrderView b) {
        return b.version > a.version ? b : a;
    }
}
