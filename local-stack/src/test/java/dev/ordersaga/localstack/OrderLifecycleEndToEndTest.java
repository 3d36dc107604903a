package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every way an order can end, through the services' public interfaces on a real broker and PostgreSQL, with the
 * stock each leaves behind. Each test has a product of its own, so the stock it checks is its own.
 */
class OrderLifecycleEndToEndTest extends PipelineEndToEndTest {

    private static final String GOOD_CARD = "4242424242424242";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String SLOW_CARD = "4000000000000077";

    @Test
    void shouldCommitTheStockOfAPaidOrderAndShowHowItGotThere() {
        String product = newProduct(10);
        String orderId = awaitingPayment(product, 2);

        PipelineClient.Response accepted = client.pay(orderId, GOOD_CARD);

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode order = client.awaitFinal(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("PAID");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_AUTHORIZED");
        assertThat(order.path("paymentSubmittedAt").isNull()).isFalse();
        assertStock(product, 8, 0, 2);
        assertThat(PipelineClient.statusesIn(client.history(orderId).body()))
                .containsExactly("PENDING", "AWAITING_PAYMENT", "PAID");
    }

    @Test
    void shouldGiveTheStockBackWhenTheCustomerCancelsAndRefuseAnythingAfterwards() {
        String product = newProduct(10);
        String orderId = awaitingPayment(product, 3);

        assertThat(client.cancel(orderId).status()).isEqualTo(202);

        JsonNode order = client.awaitFinal(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("reason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        assertStock(product, 10, 0, 0);
        PipelineClient.Response lateCancel = client.cancel(orderId);
        assertThat(lateCancel.status()).isEqualTo(409);
        assertThat(lateCancel.contentType()).startsWith("application/problem+json");
        assertThat(client.pay(orderId, GOOD_CARD).status()).isEqualTo(409);
    }

    @Test
    void shouldExpireAnUnpaidOrderNoSoonerThanItsTimeoutAndGiveItsStockBack() {
        String product = newProduct(10);
        String orderId = awaitingPayment(product, 4);

        JsonNode order = client.awaitFinal(orderId, RunningPipeline.PAYMENT_TIMEOUT.plus(SETTLE));

        assertThat(order.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_TIMEOUT");
        assertStock(product, 10, 0, 0);
        JsonNode history = client.history(orderId).body();
        assertThat(PipelineClient.statusesIn(history)).containsExactly("PENDING", "AWAITING_PAYMENT", "EXPIRED");
        assertThat(Duration.between(PipelineClient.changedAtIn(history, "AWAITING_PAYMENT"),
                PipelineClient.changedAtIn(history, "EXPIRED")))
                .isGreaterThanOrEqualTo(RunningPipeline.PAYMENT_TIMEOUT);
        assertThat(client.pay(orderId, GOOD_CARD).status()).isEqualTo(409);
    }

    @Test
    void shouldFailADeclinedPaymentAndGiveTheStockBack() {
        String product = newProduct(10);
        String orderId = awaitingPayment(product, 5);

        assertThat(client.pay(orderId, DECLINED_CARD).status()).isEqualTo(202);

        JsonNode order = client.awaitFinal(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("FAILED");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertStock(product, 10, 0, 0);
    }

    @Test
    void shouldWaitForASlowAuthorisationLikeForAnyRemoteStep() {
        String product = newProduct(10);
        String orderId = awaitingPayment(product, 1);

        client.pay(orderId, SLOW_CARD);

        assertThat(client.awaitFinal(orderId, SETTLE).path("status").asString()).isEqualTo("PAID");
        assertStock(product, 9, 0, 1);
    }

    @Test
    void shouldHonourACancellationThatArrivesWhileTheReservationIsInFlight() {
        String product = newProduct(10);
        String orderId = "direct-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // Back to back on the orders topic: the saga reads the cancellation before inventory can have answered.
        kafka.send(Topics.ORDERS, orderId, OrderPlaced.newBuilder().setOrderId(orderId).setCustomerId("c-race")
                .setLines(List.of(new OrderLine(product, 6))).setPlacedAt(now).build());
        kafka.send(Topics.ORDERS, orderId, new CancellationRequested(orderId, now));

        JsonNode order = client.awaitFinal(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertStock(product, 10, 0, 0);
    }

    @Test
    void shouldCancelAnOrderThatIsStillPending() {
        String product = newProduct(10);
        String orderId = client.placeOrder("c-quick", "[{\"productId\":\"" + product + "\",\"quantity\":7}]");

        PipelineClient.Response cancelled = client.cancel(orderId);

        assertThat(cancelled.status()).isIn(202, 409);
        if (cancelled.status() == 202) {
            assertThat(client.awaitFinal(orderId, SETTLE).path("status").asString()).isEqualTo("CANCELLED");
            assertStock(product, 10, 0, 0);
        }
    }

    @Test
    void shouldAnswerConflictToPayingOrCancellingAFailedOrderAndBadRequestToAMalformedPayment() {
        String product = newProduct(1);
        String orderId = client.placeOrder("c-over", "[{\"productId\":\"" + product + "\",\"quantity\":2}]");
        assertThat(client.awaitFinal(orderId, SETTLE).path("status").asString()).isEqualTo("FAILED");

        assertThat(client.pay(orderId, GOOD_CARD).status()).isEqualTo(409);
        assertThat(client.cancel(orderId).status()).isEqualTo(409);
        PipelineClient.Response malformed = client.pay(orderId, "not-a-card");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    private static String newProduct(int available) {
        String product = "life-" + UUID.randomUUID();
        client.putStock(product, available);
        return product;
    }

    private static String awaitingPayment(String product, int quantity) {
        String orderId = client.placeOrder("c-life",
                "[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]");
        assertThat(client.awaitSettled(orderId, SETTLE).path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        return orderId;
    }

    private static void assertStock(String product, int available, int reserved, int committed) {
        JsonNode stock = client.stock(product);
        assertThat(List.of(stock.path("available").asInt(), stock.path("reserved").asInt(),
                stock.path("committed").asInt())).as("available, reserved, committed of %s", product)
                .containsExactly(available, reserved, committed);
    }
}
