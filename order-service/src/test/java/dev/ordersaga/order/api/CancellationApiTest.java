package dev.ordersaga.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class CancellationApiTest extends OrderServiceIntegrationTest {

    @Test
    void shouldAcceptCancellationOfPendingOrderAndPublishCancellationRequested() {
        String orderId = orderIn(OrderStatus.PENDING, null);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            ResponseEntity<JsonNode> response = postCancel(orderId);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
            assertThat(response.getBody().get("orderId").asString()).isEqualTo(orderId);
            assertThat(response.getBody().get("status").asString()).isEqualTo("PENDING");

            CancellationRequested requested = orders.awaitMessage(CancellationRequested.class, orderId, TIMEOUT);
            assertThat(requested.getOrderId()).isEqualTo(orderId);
            JsonNode order = getOrder(orderId).getBody();
            assertThat(order.get("cancellationRequestedAt").asString())
                    .isEqualTo(requested.getRequestedAt().toString());
            assertThat(order.get("status").asString()).isEqualTo("PENDING");
        }
    }

    @Test
    void shouldAcceptCancellationOfOrderAwaitingPaymentWhateverTheContentType() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            ResponseEntity<JsonNode> response = http.post().uri("/orders/{orderId}/cancel", orderId)
                    .contentType(MediaType.TEXT_PLAIN).body("please cancel").retrieve().toEntity(JsonNode.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(response.getBody().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
            orders.awaitMessage(CancellationRequested.class, orderId, TIMEOUT);
        }
    }

    @Test
    void shouldAcceptRepeatedCancellationWithoutPublishingItAgain() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            assertThat(postCancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String firstRequestedAt = getOrder(orderId).getBody().get("cancellationRequestedAt").asString();
            orders.awaitMessage(CancellationRequested.class, orderId, TIMEOUT);

            ResponseEntity<JsonNode> again = postCancel(orderId);

            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(again.getBody().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
            assertThat(getOrder(orderId).getBody().get("cancellationRequestedAt").asString())
                    .isEqualTo(firstRequestedAt);
            assertThat(orders.drain(Duration.ofSeconds(2)))
                    .filteredOn(record -> orderId.equals(record.key())
                            && orders.decode(record) instanceof CancellationRequested)
                    .hasSize(1);
        }
    }

    @Test
    void shouldAnswerNotFoundWithProblemForUnknownOrder() {
        ResponseEntity<JsonNode> response = postCancel("no-such-order");

        assertOrderNotFoundProblem(response, "no-such-order");
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"PAID", "CANCELLED", "EXPIRED", "FAILED"})
    void shouldAnswerConflictNamingStatusWhenOrderIsPaidOrOver(OrderStatus status) {
        String orderId = orderIn(status, status == OrderStatus.FAILED ? "PAYMENT_DECLINED" : null);

        ResponseEntity<JsonNode> response = postCancel(orderId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("type").asString()).isEqualTo("urn:ordersaga:problem:order-status-conflict");
        assertThat(problem.get("detail").asString()).contains("is " + status.name());
        assertThat(problem.get("orderStatus").asString()).isEqualTo(status.name());
        assertThat(getOrder(orderId).getBody().get("cancellationRequestedAt").isNull()).isTrue();
    }
}
