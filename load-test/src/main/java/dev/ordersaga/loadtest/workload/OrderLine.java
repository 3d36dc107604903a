package dev.ordersaga.loadtest.workload;

/** One product of a planned order and how many units of it. */
public record OrderLine(String productId, int quantity) {
}
