package dev.ordersaga.loadtest.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http;
    private final String baseUrl;

    public InventoryClient(HttpClient http, String inventoryServiceUrl) {
        this.http = http;
        this.baseUrl = inventoryServiceUrl;
    }

    /** Creates each product, or sets its available stock, with {@code PUT /inventory/{id}}. */
    public void putStock(Map<String, Integer> stock) {
        forEach(stock.keySet(), product -> HttpRequest.newBuilder(uri(product))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + stock.get(product) + "}"))
                .build());
    }

    public Map<String, StockLevel> stockOf(Collection<String> products) {
        Map<String, String> bodies = forEach(products, product -> HttpRequest.newBuilder(uri(product)).GET().build());
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private URI uri(String product) {
        return URI.create(baseUrl + "/inventory/" + product);
    }

    /** Sends one request per product, {@link #PARALLEL} at a time; every answer must be 200. */
    private Map<String, String> forEach(Collection<String> products, Function<String, HttpRequest> request) {
        Semaphore inFlight = new Semaphore(PARALLEL);
        Map<String, String> bodies = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String product : products) {
            inFlight.acquireUninterruptibly();
            HttpRequest req = request.apply(product);
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> inFlight.release())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(req.method() + " " + req.uri() + " answered "
                                    + response.statusCode() + ": " + response.body());
                        }
                        bodies.put(product, response.body());
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return bodies;
    }
}
