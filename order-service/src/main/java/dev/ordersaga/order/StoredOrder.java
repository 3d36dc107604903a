package dev.ordersaga.order;

/**
 * An order as a row of the {@code orders} table holds it at one moment.
 *
 * @param version grows with every change of the row, so of two copies of an order the one with the higher version
 *     is the newer; the API's ETag is made of it
 */
public record StoredOrder(Order order, long version) {

    public String orderId() {
        return order.orderId();
    }
}
