package dev.ordersaga.loadtest.inventory;

import dev.ordersaga.loadtest.client.BlockingHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** inventory-service's stock API and its Prometheus endpoint, as the benchmark uses them. */
public final class InventoryClient {

    /** Requests in flight at once when creating or reading thousands of products. */
    private static final int PARALLEL = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final BlockingHttpClient http;
    private final String baseUrl;

    public InventoryClient(BlockingHttpClient http, String inventoryServiceUrl) {
        this.http = http;
        this.baseUrl = inventoryServiceUrl;
    }

    /** Creates each product, or sets its available stock, with {@code PUT /inventory/{id}}. */
    public void putStock(Map<String, Integer> stock) {
        forEach(stock.keySet(), "PUT", product -> http.putJson(uri(product),
                "{\"available\":" + stock.get(product) + "}", TIMEOUT));
    }

    public Map<String, StockLevel> stockOf(Collection<String> products) {
        Map<String, String> bodies = forEach(products, "GET", product -> http.get(uri(product), TIMEOUT));
        Map<String, StockLevel> levels = new TreeMap<>();
        bodies.forEach((product, body) -> {
            JsonNode json = JSON.readTree(body);
            levels.put(product, new StockLevel(json.path("available").asInt(), json.path("reserved").asInt(),
                    json.path("committed").asInt(), json.path("version").asLong()));
        });
        return levels;
    }

    /** The service's metrics in Prometheus text format. */
    public String prometheus() {
        URI uri = URI.create(baseUrl + "/actuator/prometheus");
        return http.get(uri, TIMEOUT).thenApply(response -> bodyOfOk("GET", uri, response)).join();
    }

    private URI uri(String product) {
        return URI.create(baseUrl + "/inventory/" + product);
    }

    /** Sends one request per product, {@link #PARALLEL} at a time; every answer must be 200. */
    private Map<String, String> forEach(Collection<String> products, String method,
                                        Function<String, CompletableFuture<BlockingHttpClient.Response>> request) {
        Semaphore inFlight = new Semaphore(PARALLEL);
        Map<String, String> bodies = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String product : products) {
            inFlight.acquireUninterruptibly();
            all.add(request.apply(product)
                    .whenComplete((response, error) -> inFlight.release())
                    .thenAccept(response -> bodies.put(product, bodyOfOk(method, uri(product), response))));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return bodies;
    }

    private static String bodyOfOk(String method, URI uri, BlockingHttpClient.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.status() + ": "
                    + response.body());
        }
        return response.body();
    }
}
