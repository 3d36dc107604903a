package dev.ordersaga.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * order-service's {@code POST /orders} and inventory-service's {@code GET /inventory} and
 * {@code /actuator/prometheus}, as far as the console uses them, on one local port: what the console sends is kept
 * for assertions, and what it gets back can be changed.
 */
final class StubShop implements AutoCloseable {

    static final String STOCK = """
            [{"productId":"p-1","available":90,"reserved":6,"committed":4,"version":7},
             {"productId":"p-2","available":10,"reserved":0,"committed":0,"version":1}]""";
    static final String PROMETHEUS = """
            # TYPE ordersaga_inventory_conflicts_total counter
            ordersaga_inventory_conflicts_total{application="inventory-service",command="reserve",kind="version"} 12.0
            ordersaga_inventory_retries_total{application="inventory-service",attempt="2"} 3.0
            """;

    private final HttpServer server;
    private final List<String> placedOrders = new CopyOnWriteArrayList<>();
    private volatile int orderStatus = 202;

    StubShop() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/inventory", exchange -> answer(exchange, 200, "application/json", STOCK));
        server.createContext("/actuator/prometheus", exchange -> answer(exchange, 200, "text/plain", PROMETHEUS));
        server.createContext("/orders", this::placeOrder);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The bodies of every {@code POST /orders}, oldest first. */
    List<String> placedOrders() {
        return placedOrders;
    }

    /** Makes order-service answer {@code status} from now on, with a problem detail unless it is 202. */
    void answerOrdersWith(int status) {
        orderStatus = status;
    }

    private void placeOrder(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = orderStatus;
        if (status != 202) {
            answer(exchange, status, "application/problem+json", "{\"title\":\"Bad Request\",\"status\":" + status
                    + ",\"detail\":\"lines[0].productId: no such product\"}");
            return;
        }
        placedOrders.add(body);
        answer(exchange, 202, "application/json", "{\"orderId\":\"" + UUID.randomUUID()
                + "\",\"status\":\"PENDING\"}");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
