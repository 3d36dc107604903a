package dev.ordersaga.console.orders;

import dev.ordersaga.console.ConsoleProperties;
import dev.ordersaga.console.ServiceCalls;
import dev.ordersaga.console.inventory.InventoryMonitor;
import dev.ordersaga.console.inventory.StockLevel;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places made-up orders through order-service's {@code POST /orders}, as a shop's client would, of the products
 * inventory-service has in stock (as last read), so that they usually go through; once every product is sold out,
 * of any product, so that they fail as they would. Without waiting: the answer completes the returned future.
 */
@Component
public class OrderPlacer {

    private final ServiceCalls calls;
    private final JsonMapper json;
    private final InventoryMonitor inventory;
    private final URI orders;

    public OrderPlacer(ServiceCalls calls, JsonMapper json, InventoryMonitor inventory, ConsoleProperties properties) {
        this.calls = calls;
        this.json = json;
        this.inventory = inventory;
        this.orders = properties.orderServiceUrl().resolve("/orders");
    }

    /** Completes with the order order-service accepted, or with an {@link OrderNotPlacedException} saying why not. */
    public CompletableFuture<PlacedOrder> place() {
        InventoryMonitor.InventoryView stock = inventory.view();
        List<String> productIds = stock.products().stream()
                .filter(product -> product.available() >= NewOrder.MAX_QUANTITY).map(StockLevel::productId).toList();
        if (productIds.isEmpty()) {
            productIds = stock.products().stream().map(StockLevel::productId).toList();
        }
        if (productIds.isEmpty()) {
            return CompletableFuture.failedFuture(new OrderNotPlacedException(stock.stockProblem() != null
                    ? "No products known to order from: " + stock.stockProblem()
                    : "inventory-service has no products: create some with PUT /inventory/{productId}, or start"
                            + " the stack with ORDERSAGA_SEED_PRODUCTS"));
        }
        NewOrder order = NewOrder.random(productIds, ThreadLocalRandom.current());
        return calls.postJson(orders, json.writeValueAsString(order))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new OrderNotPlacedException(orders + " did not answer: " + ServiceCalls.describe(cause));
                    }
                    return accepted(order, response);
                });
    }

    private PlacedOrder accepted(NewOrder order, HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new OrderNotPlacedException("order-service answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            JsonNode body = json.readTree(response.body());
            return new PlacedOrder(body.path("orderId").asString(), body.path("status").asString(), order);
        } catch (JacksonException e) {
            throw new OrderNotPlacedException("order-service accepted the order but its answer is no JSON: "
                    + response.body());
        }
    }

    /** @param status as order-service answered, {@code PENDING} */
    public record PlacedOrder(String orderId, String status, NewOrder order) {
    }

    public static class OrderNotPlacedException extends RuntimeException {

        public OrderNotPlacedException(String message) {
            super(message);
        }
    }
}
