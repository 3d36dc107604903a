package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many customers at once over a few products, each doing what customers do once the stock is reserved: pay
 * (some with a card that is declined or slow), cancel, or walk away and let the order expire. Whatever the mix
 * and the interleaving, every order ends final with the outcome its customer chose, and the stock balances.
 */
class ConcurrentOrdersTest {

    private static final List<String> PRODUCTS = List.of("p-6", "p-7", "p-8");
    private static final int ORDERS = 200;
    private static final Duration FINAL_WITHIN = RunningPipeline.PAYMENT_TIMEOUT.plus(Duration.ofSeconds(120));

    /** What a customer does with an order awaiting payment, and the status that must follow. */
    enum Choice {
        PAY("PAID"), PAY_DECLINED("FAILED"), PAY_SLOWLY("PAID"), CANCEL("CANCELLED"), WALK_AWAY("EXPIRED");

        final String outcome;

        Choice(String outcome) {
            this.outcome = outcome;
        }

        static Choice random(Random random) {
            int roll = random.nextInt(100);
            return roll < 40 ? PAY : roll < 50 ? PAY_DECLINED : roll < 55 ? PAY_SLOWLY : roll < 75 ? CANCEL : WALK_AWAY;
        }
    }

    record Outcome(Choice choice, JsonNode settled, JsonNode finished) {
    }

    @Test
    void shouldEndEveryOrderAsItsCustomerChoseAndBalanceTheStockUnderARandomMix() throws Exception {
        PipelineClient client = new PipelineClient(RunningPipeline.get());
        OrderOutcomes invariants = OrderOutcomes.before(client, PRODUCTS);

        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService customers = Executors.newFixedThreadPool(20);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                Random random = new Random(i);
                String lines = randomLines(random);
                Choice choice = Choice.random(random);
                String customer = "c-mix-" + i;
                results.add(customers.submit(() -> customerSession(client, customer, lines, choice)));
            }
            for (Future<Outcome> result : results) {
                outcomes.add(result.get());
            }
        } finally {
            customers.shutdownNow();
        }

        int awaitedPayment = 0;
        for (Outcome outcome : outcomes) {
            JsonNode order = outcome.finished();
            if (outcome.settled().path("status").asString().equals("AWAITING_PAYMENT")) {
                awaitedPayment++;
                assertThat(order.path("status").asString()).as("%s after %s", order, outcome.choice())
                        .isEqualTo(outcome.choice().outcome);
            } else {
                assertThat(order.path("status").asString()).isEqualTo("FAILED");
                assertThat(order.path("reason").asString()).isIn("OUT_OF_STOCK", "CONFLICT_RETRIES_EXHAUSTED");
            }
        }
        assertThat(awaitedPayment).as("some orders got their stock").isPositive();
        List<JsonNode> finished = outcomes.stream().map(Outcome::finished).toList();
        invariants.assertStockBalances(finished);
        invariants.assertOneFinalStatusInEachHistory(finished);
    }

    private static Outcome customerSession(PipelineClient client, String customer, String lines, Choice choice) {
        String orderId = client.placeOrder(customer, lines);
        JsonNode settled = client.awaitSettled(orderId, Duration.ofSeconds(90));
        if (settled.path("status").asString().equals("AWAITING_PAYMENT")) {
            int answer = switch (choice) {
                case PAY -> client.pay(orderId, "4242424242424242").status();
                case PAY_DECLINED -> client.pay(orderId, "4000000000000002").status();
                case PAY_SLOWLY -> client.pay(orderId, "4000000000000077").status();
                case CANCEL -> client.cancel(orderId).status();
                case WALK_AWAY -> 202;
            };
            assertThat(answer).as("%s of order %s", choice, orderId).isEqualTo(202);
        }
        return new Outcome(choice, settled, client.awaitFinal(orderId, FINAL_WITHIN));
    }

    /** One to three distinct products, one to three units each: demand well above the stock. */
    private static String randomLines(Random random) {
        List<String> products = new ArrayList<>(PRODUCTS);
        Collections.shuffle(products, random);
        int count = 1 + random.nextInt(PRODUCTS.size());
        List<String> lines = new ArrayList<>();
        for (String product : products.subList(0, count)) {
            lines.add("{\"productId\":\"" + product + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}");
        }
        return "[" + String.join(",", lines) + "]";
    }
}
