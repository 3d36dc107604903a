package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Many clients at once over a few products: the stock balances and every order settles. */
class ConcurrentOrdersTest {

    private static final List<String> PRODUCTS = List.of("p-6", "p-7", "p-8");
    private static final int ORDERS = 100;

    @Test
    void shouldKeepStockConsistentAndSettleEveryOrderUnderConcurrentLoad() throws Exception {
        PipelineClient client = new PipelineClient(RunningPipeline.get());
        Map<String, Integer> initial = new HashMap<>();
        for (String product : PRODUCTS) {
            JsonNode stock = client.stock(product);
            initial.put(product, stock.path("available").asInt() + stock.path("reserved").asInt());
        }

        List<JsonNode> settled = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                String lines = randomLines(new Random(i));
                String customer = "c-load-" + i;
                results.add(clients.submit(() ->
                        client.awaitSettled(client.placeOrder(customer, lines), Duration.ofSeconds(90))));
            }
            for (Future<JsonNode> result : results) {
                settled.add(result.get());
            }
        } finally {
            clients.shutdownNow();
        }

        Map<String, Integer> reservedByOrders = new HashMap<>();
        int awaitingPayment = 0;
        for (JsonNode order : settled) {
            String status = order.path("status").asString();
            assertThat(status).isIn("AWAITING_PAYMENT", "FAILED");
            if (status.equals("AWAITING_PAYMENT")) {
                awaitingPayment++;
                order.path("lines").forEach(line -> reservedByOrders.merge(line.path("productId").asString(),
                        line.path("quantity").asInt(), Integer::sum));
            } else {
                // Optimistic reservation gives up after its bounded conflict retries; such an order reserved nothing.
                assertThat(order.path("reason").asString()).isIn("OUT_OF_STOCK", "CONFLICT_RETRIES_EXHAUSTED");
            }
        }
        assertThat(awaitingPayment).as("some orders fit the stock").isPositive();
        assertThat(settled.size() - awaitingPayment).as("the stock runs out for some").isPositive();
        for (String product : PRODUCTS) {
            JsonNode stock = client.stock(product);
            int available = stock.path("available").asInt();
            int reserved = stock.path("reserved").asInt();
            assertThat(available).as("available %s", product).isNotNegative();
            assertThat(available + reserved).as("stock of %s balances", product).isEqualTo(initial.get(product));
            // Stock reserved for this test's orders; p-6..p-8 serve no other test.
            assertThat(reserved).as("reserved %s", product)
                    .isEqualTo(reservedByOrders.getOrDefault(product, 0));
        }
    }

    /** One to three distinct products, one to three units each: demand well above the stock. */
    private static String randomLines(Random random) {
        List<String> products = new ArrayList<>(PRODUCTS);
        java.util.Collections.shuffle(products, random);
        int count = 1 + random.nextInt(PRODUCTS.size());
        List<String> lines = new ArrayList<>();
        for (String product : products.subList(0, count)) {
            lines.add("{\"productId\":\"" + product + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}");
        }
        return "[" + String.join(",", lines) + "]";
    }
}
