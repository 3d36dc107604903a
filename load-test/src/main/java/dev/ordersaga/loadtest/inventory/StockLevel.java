package dev.ordersaga.loadtest.inventory;

/** A product's stock as {@code GET /inventory/{id}} shows it. */
public record StockLevel(int available, int reserved, int committed, long version) {

    public int total() {
        return available + reserved + committed;
    }
}
