package dev.ordersaga.order.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class OrderStatusHistoryTest extends OrderServiceIntegrationTest {

    @Test
    void shouldStartHistoryWithPendingWhenOrderIsPlaced() {
        String orderId = placeOrder("c-50", "p-50", 1);

        ResponseEntity<JsonNode> response = getHistory(orderId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("orderId").asString()).isEqualTo(orderId);
        JsonNode transitions = response.getBody().get("transitions");
        assertThat(transitions).hasSize(1);
        assertThat(transitions.get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(transitions.get(0).get("reason").isNull()).isTrue();
        assertThat(transitions.get(0).get("changedAt").asString())
                .isEqualTo(getOrder(orderId).getBody().get("createdAt").asString());
    }

    @Test
    void shouldListEachStatusOnceInOrderWhenEventsRepeat() throws Exception {
        String orderId = placeOrder("c-51", "p-51", 1);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publishStatus(orderId, OrderStatus.PENDING, null, start);
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null, start.plusMillis(10));
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null, start.plusMillis(20));
        publishStatus(orderId, OrderStatus.PAID, "PAYMENT_AUTHORIZED", start.plusMillis(30));
        awaitStatus(orderId, "PAID");
        awaitOrderStatusTopicHandled();

        JsonNode transitions = getHistory(orderId).getBody().get("transitions");
        assertThat(transitions.findValuesAsString("status")).containsExactly("PENDING", "AWAITING_PAYMENT", "PAID");
        assertThat(transitions.get(1).get("changedAt").asString()).isEqualTo(start.plusMillis(10).toString());
        assertThat(transitions.get(2).get("reason").asString()).isEqualTo("PAYMENT_AUTHORIZED");
        assertThat(transitions.get(2).get("changedAt").asString()).isEqualTo(start.plusMillis(30).toString());
    }

    @Test
    void shouldRecordLateStatusInHistoryWithoutMovingOrderBack() throws Exception {
        String orderId = placeOrder("c-52", "p-52", 1);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publishStatus(orderId, OrderStatus.CANCELLED, "CUSTOMER_CANCELLED", start.plusMillis(30));
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null, start.plusMillis(10));
        awaitOrderStatusTopicHandled();

        JsonNode order = getOrder(orderId).getBody();
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("reason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(order.get("updatedAt").asString()).isEqualTo(start.plusMillis(30).toString());
        JsonNode transitions = getHistory(orderId).getBody().get("transitions");
        assertThat(transitions.findValuesAsString("status"))
                .containsExactly("PENDING", "AWAITING_PAYMENT", "CANCELLED");
        assertThat(transitions.get(1).get("changedAt").asString()).isEqualTo(start.plusMillis(10).toString());
    }

    @Test
    void shouldKeepHistoryOfOrderKnownOnlyFromStatusEvents() throws Exception {
        String orderId = "external:" + UUID.randomUUID();

        publishStatus(orderId, OrderStatus.PENDING, null, PLACED_AT);
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null, PLACED_AT.plusSeconds(1));
        awaitStatus(orderId, "AWAITING_PAYMENT");
        awaitOrderStatusTopicHandled();

        JsonNode history = getHistory(orderId).getBody();
        assertThat(history.get("orderId").asString()).isEqualTo(orderId);
        assertThat(history.get("transitions").findValuesAsString("status"))
                .containsExactly("PENDING", "AWAITING_PAYMENT");
        assertThat(history.get("transitions").findValuesAsString("changedAt"))
                .containsExactly("2026-03-01T10:15:30.123Z", "2026-03-01T10:15:31.123Z");
    }

    @Test
    void shouldAnswerNotFoundWithProblemForUnknownOrder() {
        ResponseEntity<JsonNode> response = getHistory("no-such-order");

        assertOrderNotFoundProblem(response, "no-such-order");
    }
}
