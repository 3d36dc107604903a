package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The whole saga through the services' public interfaces, on a real broker and a real PostgreSQL. */
class OrderSagaEndToEndTest extends PipelineEndToEndTest {

    @Test
    void shouldReserveStockAndAwaitPaymentForAnOrderPlacedOverHttp() {
        int before = client.stock("p-1").path("available").asInt();

        PipelineClient.Response accepted = client.postOrder(
                "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"p-1\",\"quantity\":2}]}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("PENDING");
        String orderId = accepted.body().path("orderId").asString();
        assertThat(accepted.location()).endsWith("/orders/" + orderId);
        JsonNode order = client.awaitSettled(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.path("customerId").asString()).isEqualTo("c-1");
        assertThat(client.stock("p-1").path("available").asInt()).isEqualTo(before - 2);
        assertThat(client.stock("p-1").path("reserved").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldFailAnOrderOverTheStockAndLeaveTheStockAlone() {
        JsonNode before = client.stock("p-2");

        String orderId = client.placeOrder("c-2", "[{\"productId\":\"p-2\",\"quantity\":"
                + (before.path("available").asInt() + 1) + "}]");

        JsonNode order = client.awaitSettled(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("FAILED");
        assertThat(order.path("reason").asString()).isEqualTo("OUT_OF_STOCK");
        JsonNode after = client.stock("p-2");
        assertThat(after.path("available").asInt()).isEqualTo(before.path("available").asInt());
        assertThat(after.path("reserved").asInt()).isEqualTo(before.path("reserved").asInt());
    }

    @Test
    void shouldFailAnOrderForAProductThatDoesNotExist() {
        String orderId = client.placeOrder("c-3", "[{\"productId\":\"no-such-product\",\"quantity\":1}]");

        JsonNode order = client.awaitSettled(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("FAILED");
        assertThat(order.path("reason").asString()).isEqualTo("UNKNOWN_PRODUCT");
    }

    @Test
    void shouldTakeAnOrderProducedStraightToTheOrdersTopicThroughTheSameSaga() {
        String orderId = "direct-" + UUID.randomUUID();
        kafka.send(Topics.ORDERS, orderId, OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("c-kafka")
                .setLines(List.of(new OrderLine("p-3", 1), new OrderLine("p-4", 2)))
                .setPlacedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build());

        JsonNode order = client.awaitSettled(orderId, SETTLE);
        assertThat(order.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.path("customerId").asString()).isEqualTo("c-kafka");
        assertThat(order.path("lines")).hasSize(2);
    }

    @Test
    void shouldRejectAnInvalidOrderWithAProblemAndPublishNothing() {
        try (var orders = kafka.readFromNow(Topics.ORDERS)) {
            PipelineClient.Response rejected = client.postOrder("{\"customerId\":\"c-4\",\"lines\":[]}");
            PipelineClient.Response malformed = client.postOrder("{\"customerId\":\"c-4\",\"lines\":[{");

            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(orders.drain(Duration.ofSeconds(2)))
                    .noneMatch(record -> "c-4".equals(((OrderPlaced) orders.decode(record)).getCustomerId()));
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownOrder() {
        assertThat(client.getOrder(UUID.randomUUID().toString()).status()).isEqualTo(404);
    }
}
