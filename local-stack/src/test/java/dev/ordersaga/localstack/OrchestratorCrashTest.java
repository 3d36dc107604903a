package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator killed outright (SIGKILL, no graceful close) in the middle of a stream of orders, then started
 * again: with exactly-once processing and its state in changelogged stores, every order still ends in exactly one
 * final state, with the outcome its customer chose in time, and the stock balances.
 */
class OrchestratorCrashTest {

    private static final int ORDERS = 60;
    private static final int BEFORE_THE_CRASH = 20;
    private static final Duration FINAL_WITHIN = Duration.ofMinutes(4);

    @Test
    void shouldFinishEveryOrderExactlyOnceAndBalanceTheStockAfterAHardKill() throws Exception {
        OrderSagaServices services = RunningPipeline.get();
        PipelineClient client = new PipelineClient(services);
        String product = "crash-" + UUID.randomUUID();
        client.putStock(product, 1000);
        OrderOutcomes invariants = OrderOutcomes.before(client, List.of(product));

        CountDownLatch placedBeforeTheCrash = new CountDownLatch(BEFORE_THE_CRASH);
        ExecutorService customers = Executors.newFixedThreadPool(12);
        List<Future<JsonNode>> results = new ArrayList<>();
        try {
            for (int i = 0; i < ORDERS; i++) {
                int customer = i;
                results.add(customers.submit(() -> {
                    String orderId = client.placeOrder("c-crash-" + customer,
                            "[{\"productId\":\"" + product + "\",\"quantity\":" + (1 + customer % 3) + "}]");
                    placedBeforeTheCrash.countDown();
                    JsonNode settled = client.awaitSettled(orderId, FINAL_WITHIN);
                    if (settled.path("status").asString().equals("AWAITING_PAYMENT")) {
                        if (customer % 3 == 0) {
                            client.pay(orderId, "4242424242424242");
                        } else if (customer % 3 == 1) {
                            client.cancel(orderId);
                        }
                    }
                    return client.awaitFinal(orderId, FINAL_WITHIN);
                }));
            }
            assertThat(placedBeforeTheCrash.await(60, TimeUnit.SECONDS)).isTrue();
            services.process("saga-orchestrator").kill();
            Thread.sleep(2000); // orders keep coming in while it is down
            services.restart("saga-orchestrator", Duration.ofMinutes(3));

            List<JsonNode> finished = new ArrayList<>();
            for (Future<JsonNode> result : results) {
                finished.add(result.get());
            }

            for (int i = 0; i < ORDERS; i++) {
                JsonNode order = finished.get(i);
                String expected = i % 3 == 0 ? "PAID" : i % 3 == 1 ? "CANCELLED" : "EXPIRED";
                // Conflicts on the one hot product may exhaust an order's retries; it then reserved nothing.
                if (order.path("reason").asString().equals("CONFLICT_RETRIES_EXHAUSTED")) {
                    continue;
                }
                // An order reserved just before the crash may learn it awaits payment only after its deadline
                // passed during a long restart: a customer who pays or cancels that late may find it expired.
                if (askedAtOrAfterTheDeadline(client, order)) {
                    assertThat(order.path("status").asString()).as("order %d: %s", i, order)
                            .isIn(expected, "EXPIRED");
                } else {
                    assertThat(order.path("status").asString()).as("order %d: %s", i, order).isEqualTo(expected);
                }
            }
            invariants.assertStockBalances(finished);
            invariants.assertOneFinalStatusInEachHistory(finished);
        } finally {
            customers.shutdownNow();
        }
    }

    private static boolean askedAtOrAfterTheDeadline(PipelineClient client, JsonNode order) {
        JsonNode askedAt = order.path("paymentSubmittedAt").isNull()
                ? order.path("cancellationRequestedAt") : order.path("paymentSubmittedAt");
        if (askedAt.isNull()) {
            return false;
        }
        Instant dueAt = PipelineClient.changedAtIn(client.history(order.path("orderId").asString()).body(),
                "AWAITING_PAYMENT").plus(RunningPipeline.PAYMENT_TIMEOUT);
        return !Instant.parse(askedAt.asString()).isBefore(dueAt);
    }
}
