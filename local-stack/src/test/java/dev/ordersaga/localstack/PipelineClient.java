package dev.ordersaga.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a client of the pipeline does over HTTP: place, pay and cancel orders, short-poll them, read stock. */
final class PipelineClient {

    /** The statuses the saga leaves an order in for good. */
    static final Set<String> FINAL = Set.of("PAID", "CANCELLED", "EXPIRED", "FAILED");
    /** Where the saga no longer works on its own: final, or waiting for the customer to pay. */
    static final Set<String> SETTLED = Set.of("AWAITING_PAYMENT", "PAID", "CANCELLED", "EXPIRED", "FAILED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.shared();
    private final String orderUrl;
    private final String inventoryUrl;

    PipelineClient(OrderSagaServices services) {
        this.orderUrl = services.orderServiceUrl();
        this.inventoryUrl = services.inventoryServiceUrl();
    }

    record Response(int status, String contentType, String location, JsonNode body) {
    }

    Response postOrder(String body) {
        return send(HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String placeOrder(String customerId, String linesJson) {
        Response response = postOrder("{\"customerId\":\"" + customerId + "\",\"lines\":" + linesJson + "}");
        if (response.status() != 202) {
            throw new AssertionError("POST /orders answered " + response.status() + ": " + response.body());
        }
        return response.body().path("orderId").asString();
    }

    Response getOrder(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + orderId)).GET().build());
    }

    Response pay(String orderId, String cardNumber) {
        return send(HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + orderId + "/payment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"card\",\"cardNumber\":\"" + cardNumber + "\"}")).build());
    }

    Response cancel(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + orderId + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Response history(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + orderId + "/history")).GET().build());
    }

    /** Polls every 50 ms, as the clients this pipeline serves do, until the status is not PENDING. */
    JsonNode awaitSettled(String orderId, Duration timeout) {
        return awaitStatusIn(orderId, SETTLED, timeout);
    }

    /** Polls every 50 ms until the order's status is final. */
    JsonNode awaitFinal(String orderId, Duration timeout) {
        return awaitStatusIn(orderId, FINAL, timeout);
    }

    private JsonNode awaitStatusIn(String orderId, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = getOrder(orderId);
            if (response.status() == 200) {
                last = response.body();
                if (statuses.contains(last.path("status").asString())) {
                    return last;
                }
            }
            sleep(50);
        }
        throw new AssertionError("Order " + orderId + " not in " + statuses + " within " + timeout + "; last seen "
                + last);
    }

    JsonNode stock(String productId) {
        Response response = send(HttpRequest.newBuilder(URI.create(inventoryUrl + "/inventory/" + productId))
                .GET().build());
        if (response.status() != 200) {
            throw new AssertionError("GET /inventory/" + productId + " answered " + response.status());
        }
        return response.body();
    }

    /** The statuses of a {@code GET /orders/{id}/history} body, oldest first. */
    static List<String> statusesIn(JsonNode history) {
        List<String> statuses = new ArrayList<>();
        history.path("transitions").forEach(transition -> statuses.add(transition.path("status").asString()));
        return statuses;
    }

    /** When the saga moved the order to {@code status}, from a {@code GET /orders/{id}/history} body. */
    static Instant changedAtIn(JsonNode history, String status) {
        for (JsonNode transition : history.path("transitions")) {
            if (transition.path("status").asString().equals(status)) {
                return Instant.parse(transition.path("changedAt").asString());
            }
        }
        throw new AssertionError("No " + status + " in " + history);
    }

    /** Creates the product or sets its available stock. */
    void putStock(String productId, int available) {
        Response response = send(HttpRequest.newBuilder(URI.create(inventoryUrl + "/inventory/" + productId))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + available + "}")).build());
        if (response.status() != 200) {
            throw new AssertionError("PUT /inventory/" + productId + " answered " + response.status());
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : json.readTree(response.body());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), body);
        } catch (IOException e) {
            throw new AssertionError("HTTP " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
