package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator down for longer than the payment timeout while customers pay: order-service still accepts
 * payments (202), and once the orchestrator is back every payment accepted before its order's deadline is
 * honoured, while the orders nobody paid expire. The deadline is judged by when a payment was accepted, not by
 * when the orchestrator got round to reading it.
 */
class OrchestratorOutageTest {

    private static final int PAID_ORDERS = 4;
    private static final int UNPAID_ORDERS = 4;
    /** Longer than the payment timeout: every deadline passes while the orchestrator is away. */
    private static final Duration DOWN_FOR = RunningPipeline.PAYMENT_TIMEOUT.plusSeconds(10);
    private static final Duration FINAL_WITHIN = Duration.ofMinutes(3);

    @Test
    void shouldHonourEveryPaymentAcceptedBeforeItsDeadlineHoweverLongTheOrchestratorWasDown() throws Exception {
        OrderSagaServices services = RunningPipeline.get();
        PipelineClient client = new PipelineClient(services);
        String product = "outage-" + UUID.randomUUID();
        client.putStock(product, 100);
        OrderOutcomes invariants = OrderOutcomes.before(client, List.of(product));

        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < PAID_ORDERS + UNPAID_ORDERS; i++) {
            orderIds.add(client.placeOrder("c-outage-" + i,
                    "[{\"productId\":\"" + product + "\",\"quantity\":" + (1 + i % 2) + "}]"));
        }
        List<JsonNode> awaitingPayment = new ArrayList<>();
        for (String orderId : orderIds) {
            JsonNode settled = client.awaitSettled(orderId, FINAL_WITHIN);
            assertThat(settled.path("status").asString()).as("%s", settled).isEqualTo("AWAITING_PAYMENT");
            awaitingPayment.add(settled);
        }

        services.process("saga-orchestrator").kill();
        long killedAt = System.nanoTime();
        for (JsonNode order : awaitingPayment.subList(0, PAID_ORDERS)) {
            String orderId = order.path("orderId").asString();
            assertThat(client.pay(orderId, "4242424242424242").status()).as("payment of %s", orderId)
                    .isEqualTo(202);
            Instant acceptedAt = Instant.parse(client.getOrder(orderId).body().path("paymentSubmittedAt").asString());
            Instant dueAt = Instant.parse(order.path("updatedAt").asString()).plus(RunningPipeline.PAYMENT_TIMEOUT);
            assertThat(acceptedAt).as("the scenario pays %s before its deadline", orderId).isBefore(dueAt);
        }
        // Not a synchronisation: the outage itself, long enough for every deadline to pass meanwhile.
        Thread.sleep(Math.max(0, DOWN_FOR.toMillis() - Duration.ofNanos(System.nanoTime() - killedAt).toMillis()));
        services.restart("saga-orchestrator", Duration.ofMinutes(3));

        List<JsonNode> finished = new ArrayList<>();
        for (JsonNode order : awaitingPayment) {
            finished.add(client.awaitFinal(order.path("orderId").asString(), FINAL_WITHIN));
        }
        for (int i = 0; i < finished.size(); i++) {
            JsonNode order = finished.get(i);
            if (i < PAID_ORDERS) {
                assertThat(order.path("status").asString()).as("paid order %d: %s", i, order).isEqualTo("PAID");
            } else {
                assertThat(order.path("status").asString()).as("unpaid order %d: %s", i, order).isEqualTo("EXPIRED");
                assertThat(order.path("reason").asString()).as("unpaid order %d", i).isEqualTo("PAYMENT_TIMEOUT");
            }
        }
        invariants.assertStockBalances(finished);
        invariants.assertOneFinalStatusInEachHistory(finished);
    }
}
