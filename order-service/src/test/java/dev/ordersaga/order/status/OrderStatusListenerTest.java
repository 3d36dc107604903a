package dev.ordersaga.order.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.support.OrderSagaKafkaProperties;
import dev.ordersaga.testing.DatabaseOutage;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OrderStatusListenerTest extends OrderServiceIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private OrderSagaKafkaProperties kafkaSettings;

    @Test
    void shouldShowStatusAndReasonFromStatusEvents() {
        String orderId = placeOrder("c-10", "p-10", 1);

        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        awaitStatus(orderId, "AWAITING_PAYMENT");

        publishStatus(orderId, OrderStatus.FAILED, "OUT_OF_STOCK");
        JsonNode order = awaitStatus(orderId, "FAILED");
        assertThat(order.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(order.get("customerId").asString()).isEqualTo("c-10");
    }

    @Test
    void shouldKeepFinalStatusWhenEventsArriveLateOrTwice() throws Exception {
        String orderId = placeOrder("c-11", "p-11", 1);

        publishStatus(orderId, OrderStatus.FAILED, "OUT_OF_STOCK");
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        publishStatus(orderId, OrderStatus.PENDING, null);
        publishStatus(orderId, OrderStatus.FAILED, "OUT_OF_STOCK");
        publishStatus(orderId, OrderStatus.PAID, null);
        awaitOrderStatusTopicHandled();

        JsonNode order = getOrder(orderId).getBody();
        assertThat(order.get("status").asString()).isEqualTo("FAILED");
        assertThat(order.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void shouldNeverMoveStatusBackWhenEventsArriveOutOfOrder() throws Exception {
        String orderId = placeOrder("c-12", "p-12", 1);

        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        publishStatus(orderId, OrderStatus.PENDING, null);
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        awaitOrderStatusTopicHandled();

        assertThat(getOrder(orderId).getBody().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void shouldCreateOrderFromStatusEventWhenOrderWasPlacedByAnotherClient() {
        String orderId = "external:" + UUID.randomUUID();
        kafka.send(Topics.ORDER_STATUS, orderId, OrderStatusChanged.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("c-external")
                .setLines(List.of(new OrderLine("p-20", 3), new OrderLine("p-21", 1)))
                .setStatus(OrderStatus.AWAITING_PAYMENT)
                .setPlacedAt(PLACED_AT)
                .setChangedAt(PLACED_AT.plusSeconds(1))
                .build());

        JsonNode order = awaitStatus(orderId, "AWAITING_PAYMENT");
        assertThat(order.get("customerId").asString()).isEqualTo("c-external");
        assertThat(order.get("lines").findValuesAsString("productId")).containsExactly("p-20", "p-21");
        assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
        assertThat(order.get("createdAt").asString()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(order.get("updatedAt").asString()).isEqualTo("2026-03-01T10:15:31.123Z");
    }

    @Test
    void shouldSendRecordsItCannotReadToDeadLetterTopicAndKeepConsuming() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String wrongTypeKey = "wrong-type-" + UUID.randomUUID();
        byte[] garbage = "definitely not Avro".getBytes(StandardCharsets.UTF_8);
        try (TopicReader deadLetters = kafka.readFromNow(Topics.ORDER_STATUS_DLT)) {
            kafka.sendRaw(Topics.ORDER_STATUS, poisonKey, garbage);
            kafka.send(Topics.ORDER_STATUS, wrongTypeKey, OrderPlaced.newBuilder()
                    .setOrderId(wrongTypeKey).setCustomerId("c-13").setLines(List.of(new OrderLine("p-13", 1)))
                    .setPlacedAt(PLACED_AT).build());

            ConsumerRecord<String, byte[]> deadLetter = deadLetters.await(r -> poisonKey.equals(r.key()), TIMEOUT);
            assertThat(deadLetter.value()).isEqualTo(garbage);
            deadLetters.await(r -> wrongTypeKey.equals(r.key()), TIMEOUT);
        }

        String orderId = placeOrder("c-13", "p-13", 1);
        publishStatus(orderId, OrderStatus.PAID, null);
        awaitStatus(orderId, "PAID");
    }

    @Test
    void shouldApplyEveryEventOfAMixedBatchOnceAndDeadLetterOnlyTheRecordItCannotRead() throws Exception {
        String first = placeOrder("c-15", "p-15", 1);
        String second = placeOrder("c-15", "p-15", 1);
        byte[] garbage = "not a status event".getBytes(StandardCharsets.UTF_8);
        try (TopicReader deadLetters = kafka.readFromNow(Topics.ORDER_STATUS_DLT)) {
            publishStatus(first, OrderStatus.AWAITING_PAYMENT, null);
            kafka.sendRaw(Topics.ORDER_STATUS, first, garbage);
            publishStatus(first, OrderStatus.AWAITING_PAYMENT, null);
            publishStatus(second, OrderStatus.FAILED, "OUT_OF_STOCK");
            publishStatus(first, OrderStatus.PAID, null);
            publishStatus(second, OrderStatus.FAILED, "OUT_OF_STOCK");
            publishStatus(second, OrderStatus.AWAITING_PAYMENT, null);
            awaitOrderStatusTopicHandled();

            // The error handler dead-letters a record before it commits the offset after it.
            assertThat(deadLetters.drain(Duration.ofSeconds(2)).stream()
                    .filter(record -> first.equals(record.key()) || second.equals(record.key())))
                    .singleElement()
                    .satisfies(record -> assertThat(record.key()).isEqualTo(first))
                    .satisfies(record -> assertThat(record.value()).isEqualTo(garbage));
        }

        assertThat(getOrder(first).getBody().get("status").asString()).isEqualTo("PAID");
        JsonNode failed = getOrder(second).getBody();
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(getHistory(first).getBody().get("transitions").findValuesAsString("status"))
                .containsExactly("PENDING", "AWAITING_PAYMENT", "PAID");
        assertThat(getHistory(second).getBody().get("transitions").findValuesAsString("status"))
                .containsExactlyInAnyOrder("PENDING", "AWAITING_PAYMENT", "FAILED");
    }

    @Test
    void shouldApplyStatusThatArrivedWhileDatabaseWasAwayOnceItIsBackAndDeadLetterNothing() throws Exception {
        String orderId = placeOrder("c-14", "p-14", 1);
        long failedBefore = failedDeliveries();
        try (TopicReader deadLetters = kafka.readFromNow(Topics.ORDER_STATUS_DLT)) {
            try (DatabaseOutage outage = DatabaseOutage.begin("orders", dataSource, Duration.ofMillis(500))) {
                publishStatus(orderId, OrderStatus.PAID, null);

                // Longer than a record that fails for a reason of its own is tried before it is dead-lettered.
                await().atMost(TIMEOUT).until(() -> failedDeliveries() > failedBefore + kafkaSettings.handlerAttempts()
                        || !deadLettersOf(deadLetters, orderId).isEmpty());
                assertThat(deadLettersOf(deadLetters, orderId)).extracting(ConsumerRecord::topic).isEmpty();
            }

            awaitStatus(orderId, "PAID");
            assertThat(deadLetters.drain(Duration.ofSeconds(1))).noneMatch(record -> orderId.equals(record.key()));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersOf(TopicReader deadLetters, String orderId) {
        return deadLetters.drain(Duration.ofMillis(100)).stream()
                .filter(record -> orderId.equals(record.key()))
                .toList();
    }

    /** Deliveries of a record to the listener that ended in an exception, as spring-kafka times them. */
    private long failedDeliveries() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
