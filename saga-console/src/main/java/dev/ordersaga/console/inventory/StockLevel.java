package dev.ordersaga.console.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One product's stock as inventory-service's {@code GET /inventory} shows it: {@code available} can still be
 * reserved, {@code reserved} is held for orders in flight, {@code committed} left with paid orders.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockLevel(String productId, int available, int reserved, int committed) {
}
