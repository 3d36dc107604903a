package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.OrderLine;
import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /orders}, as the shop's front end does; the answer is 202 with the order id. */
public final class RestOrderPlacer implements OrderPlacer {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final BlockingHttpClient http;
    private final URI orders;

    public RestOrderPlacer(BlockingHttpClient http, String orderServiceUrl) {
        this.http = http;
        this.orders = URI.create(orderServiceUrl + "/orders");
    }

    @Override
    public CompletableFuture<String> place(PlannedOrder order, String customerId) {
        return http.postJson(orders, body(order, customerId), Duration.ofSeconds(30)).thenApply(response -> {
            if (response.status() != 202) {
                throw new IllegalStateException("POST /orders answered " + response.status() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body()).path("orderId").asString();
        });
    }

    static String body(PlannedOrder order, String customerId) {
        List<Map<String, Object>> lines = order.lines().stream()
                .map(RestOrderPlacer::line)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("lines", lines);
        return JSON.writeValueAsString(body);
    }

    private static Map<String, Object> line(OrderLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("productId", line.productId());
        json.put("quantity", line.quantity());
        return json;
    }
}
