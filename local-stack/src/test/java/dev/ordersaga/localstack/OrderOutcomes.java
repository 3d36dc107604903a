package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The stock invariants a finished batch of orders must leave: nothing oversold, nothing still reserved, every
 * unit accounted for (available + reserved + committed as before), and committed exactly what the paid orders
 * took. Also: every order has exactly one final status in its history.
 */
final class OrderOutcomes {

    private final PipelineClient client;
    private final Map<String, Stock> initial = new HashMap<>();

    private record Stock(int total, int committed) {
    }

    private OrderOutcomes(PipelineClient client) {
        this.client = client;
    }

    /** Remembers each product's total (available + reserved + committed) before the orders. */
    static OrderOutcomes before(PipelineClient client, List<String> products) {
        OrderOutcomes outcomes = new OrderOutcomes(client);
        for (String product : products) {
            JsonNode stock = client.stock(product);
            int committed = stock.path("committed").asInt();
            outcomes.initial.put(product, new Stock(stock.path("available").asInt() + stock.path("reserved").asInt()
                    + committed, committed));
        }
        return outcomes;
    }

    /** @param finished the orders as last polled, all with a final status */
    void assertStockBalances(List<JsonNode> finished) {
        Map<String, Integer> paidUnits = new HashMap<>();
        for (JsonNode order : finished) {
            assertThat(PipelineClient.FINAL).as("status of %s", order).contains(order.path("status").asString());
            if (order.path("status").asString().equals("PAID")) {
                order.path("lines").forEach(line -> paidUnits.merge(line.path("productId").asString(),
                        line.path("quantity").asInt(), Integer::sum));
            }
        }
        initial.forEach((product, before) -> {
            JsonNode stock = client.stock(product);
            int available = stock.path("available").asInt();
            int reserved = stock.path("reserved").asInt();
            int committed = stock.path("committed").asInt();
            assertThat(available).as("available %s (no oversell)", product).isNotNegative();
            assertThat(reserved).as("reserved %s once every order is final", product).isZero();
            assertThat(available + reserved + committed).as("every unit of %s accounted for", product)
                    .isEqualTo(before.total());
            assertThat(committed - before.committed()).as("units of %s committed = units of its PAID orders", product)
                    .isEqualTo(paidUnits.getOrDefault(product, 0));
        });
    }

    void assertOneFinalStatusInEachHistory(List<JsonNode> finished) {
        for (JsonNode order : finished) {
            String orderId = order.path("orderId").asString();
            List<String> statuses = PipelineClient.statusesIn(client.history(orderId).body());
            assertThat(statuses.stream().filter(PipelineClient.FINAL::contains))
                    .as("final statuses in the history of %s: %s", orderId, statuses)
                    .containsExactly(order.path("status").asString());
        }
    }
}
