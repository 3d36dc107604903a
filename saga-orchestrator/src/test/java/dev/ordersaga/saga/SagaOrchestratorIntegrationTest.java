package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import dev.ordersaga.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The orchestrator against the real broker: orders in, commands and statuses out, bad records dead-lettered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaOrchestratorIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // Fresh per run: a new consumer group, changelog topics and local state, whatever an earlier run left.
    private static final String APPLICATION_ID = "saga-orchestrator-it-" + UUID.randomUUID();
    private static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

    private static KafkaTestClient kafka;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        String stateDir = Files.createTempDirectory("saga-orchestrator-it").toString();
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrapServers());
        registry.add("spring.kafka.streams.application-id", () -> APPLICATION_ID);
        registry.add("spring.kafka.streams.state-dir", () -> stateDir);
        registry.add("saga.payment-timeout", () -> "2s");
        registry.add("saga.timer-interval", () -> "200ms");
        registry.add("saga.clock-tick-interval", () -> "200ms");
    }

    @BeforeAll
    static void openClient() {
        kafka = KafkaTestClient.forSharedBroker();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @BeforeEach
    void awaitStreamsRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @Test
    void shouldReserveInventoryThenAwaitPaymentWhenOrderIsPlacedAndInventoryReserved() {
        String orderId = newOrderId();
        try (TopicReader commands = kafka.readFromNow(Topics.INVENTORY_COMMANDS);
                TopicReader statuses = kafka.readFromNow(Topics.ORDER_STATUS)) {
            Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            kafka.send(Topics.ORDERS, orderId, orderPlaced(orderId, "customer-7", placedAt));

            assertThat(commands.awaitMessage(ReserveInventory.class, orderId, TIMEOUT))
                    .isEqualTo(new ReserveInventory(orderId, LINES));
            OrderStatusChanged pending = awaitStatus(statuses, orderId, OrderStatus.PENDING);
            assertThat(pending.getCustomerId()).isEqualTo("customer-7");
            assertThat(pending.getLines()).isEqualTo(LINES);
            assertThat(pending.getPlacedAt()).isEqualTo(placedAt);

            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReserved(orderId, Instant.now()));

            OrderStatusChanged awaitingPayment = awaitStatus(statuses, orderId, OrderStatus.AWAITING_PAYMENT);
            assertThat(awaitingPayment.getReason()).isNull();
            assertThat(awaitingPayment.getLines()).isEqualTo(LINES);
        }
    }

    @Test
    void shouldAwaitPaymentWithoutReportingPendingWhenOrderServiceCreatedTheOrder() {
        String orderId = newOrderId();
        try (TopicReader commands = kafka.readFromNow(Topics.INVENTORY_COMMANDS);
                TopicReader statuses = kafka.readFromNow(Topics.ORDER_STATUS)) {
            kafka.send(Topics.ORDERS, orderId, OrderPlaced.newBuilder(orderPlaced(orderId, "customer-10",
                    Instant.now())).setCreatedByOrderService(true).build());
            commands.awaitMessage(ReserveInventory.class, orderId, TIMEOUT);

            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReserved(orderId, Instant.now()));
            awaitStatus(statuses, orderId, OrderStatus.AWAITING_PAYMENT);

            // One partition holds all of the order's statuses, in order: a PENDING would have been read first.
            assertThat(statuses.drain(Duration.ZERO)).filteredOn(record -> orderId.equals(record.key()))
                    .map(record -> ((OrderStatusChanged) statuses.decode(record)).getStatus())
                    .containsExactly(OrderStatus.AWAITING_PAYMENT);
        }
    }

    @Test
    void shouldFailOrderWithReasonWhenReservationFails() {
        String orderId = newOrderId();
        try (TopicReader statuses = kafka.readFromNow(Topics.ORDER_STATUS)) {
            kafka.send(Topics.ORDERS, orderId, orderPlaced(orderId, "customer-8", Instant.now()));
            awaitStatus(statuses, orderId, OrderStatus.PENDING);

            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReservationFailed(orderId,
                    ReservationFailureReason.OUT_OF_STOCK, "pear: 1 wanted, 0 left", Instant.now()));

            OrderStatusChanged failed = awaitStatus(statuses, orderId, OrderStatus.FAILED);
            assertThat(failed.getReason()).isEqualTo("OUT_OF_STOCK");
            assertThat(failed.getCustomerId()).isEqualTo("customer-8");
        }
    }

    @Test
    void shouldExpireAnUnpaidOrderOnTheWallClockAndReleaseItsStockFirst() {
        String orderId = newOrderId();
        try (TopicReader commands = kafka.readFromNow(Topics.INVENTORY_COMMANDS);
                TopicReader statuses = kafka.readFromNow(Topics.ORDER_STATUS)) {
            kafka.send(Topics.ORDERS, orderId, orderPlaced(orderId, "customer-7", Instant.now()));
            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReserved(orderId, Instant.now()));
            awaitStatus(statuses, orderId, OrderStatus.AWAITING_PAYMENT);

            assertThat(commands.awaitMessage(ReleaseInventory.class, orderId, TIMEOUT))
                    .isEqualTo(new ReleaseInventory(orderId, "EXPIRED"));
            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReleased(orderId, Instant.now()));

            OrderStatusChanged expired = awaitStatus(statuses, orderId, OrderStatus.EXPIRED);
            assertThat(expired.getReason()).isEqualTo("PAYMENT_TIMEOUT");
        }
    }

    @Test
    void shouldTickOnEveryPartitionOfTheClockTopicWithThePartitionAsKey() {
        try (TopicReader ticks = kafka.readFromNow(Topics.SAGA_CLOCK)) {
            for (int partition = 0; partition < Topics.PARTITIONS; partition++) {
                int expected = partition;
                ConsumerRecord<String, byte[]> tick = ticks.await(r -> r.partition() == expected, TIMEOUT);

                assertThat(tick.key()).isEqualTo(String.valueOf(partition));
                assertThat(ticks.decode(tick)).isInstanceOfSatisfying(SagaClockTick.class, value -> {
                    assertThat(value.getPartition()).isEqualTo(expected);
                    assertThat(value.getTickedAt()).isEqualTo(Instant.ofEpochMilli(tick.timestamp()));
                });
            }
        }
    }

    @Test
    void shouldDeadLetterUndecodableRecordAndKeepProcessingOrders() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        byte[] garbage = "this is not an order".getBytes(StandardCharsets.UTF_8);
        String orderId = newOrderId();
        try (TopicReader deadLetters = kafka.readFromNow(Topics.SAGA_DLT);
                TopicReader commands = kafka.readFromNow(Topics.INVENTORY_COMMANDS)) {
            kafka.sendRaw(Topics.ORDERS, garbageKey, garbage);
            kafka.send(Topics.ORDERS, orderId, orderPlaced(orderId, "customer-9", Instant.now()));

            ConsumerRecord<String, byte[]> deadLetter = deadLetters.await(r -> garbageKey.equals(r.key()), TIMEOUT);
            assertThat(deadLetter.value()).isEqualTo(garbage);
            assertThat(new String(deadLetter.headers().lastHeader("__streams.errors.topic").value(),
                    StandardCharsets.UTF_8)).isEqualTo(Topics.ORDERS);
            assertThat(commands.awaitMessage(ReserveInventory.class, orderId, TIMEOUT).getLines())
                    .isEqualTo(LINES);
        }
    }

    @Test
    void shouldDeadLetterAReservationFakedOnTheOrdersTopicAndNotActOnIt() {
        String orderId = newOrderId();
        try (TopicReader deadLetters = kafka.readFromNow(Topics.SAGA_DLT);
                TopicReader statuses = kafka.readFromNow(Topics.ORDER_STATUS)) {
            // A client that may place orders must not be able to fake inventory's answer.
            kafka.send(Topics.ORDERS, orderId, new InventoryReserved(orderId, Instant.now()));

            ConsumerRecord<String, byte[]> deadLetter = deadLetters.await(r -> orderId.equals(r.key()), TIMEOUT);
            assertThat(new String(deadLetter.headers().lastHeader("__streams.errors.message").value(),
                    StandardCharsets.UTF_8)).contains("is a InventoryReserved, which does not belong there");
            assertThat(statuses.drain(Duration.ofSeconds(1))).noneMatch(record -> orderId.equals(record.key()));
        }
    }

    @Test
    void shouldReportStreamsStateInHealth() {
        Map<String, Object> health = RestClient.create("http://localhost:" + port).get()
                .uri("/actuator/health/kafkaStreams")
                .retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(health).containsEntry("status", "UP");
        assertThat(health).extractingByKey("details").asString().contains("RUNNING");
    }

    private static OrderStatusChanged awaitStatus(TopicReader statuses, String orderId, OrderStatus status) {
        ConsumerRecord<String, byte[]> record = statuses.await(r -> orderId.equals(r.key())
                && statuses.decode(r) instanceof OrderStatusChanged changed && changed.getStatus() == status,
                TIMEOUT);
        return (OrderStatusChanged) statuses.decode(record);
    }

    /** As a client producing straight to the orders topic sends it: it leaves createdByOrderService out. */
    private static OrderPlaced orderPlaced(String orderId, String customerId, Instant placedAt) {
        return OrderPlaced.newBuilder().setOrderId(orderId).setCustomerId(customerId).setLines(LINES)
                .setPlacedAt(placedAt).build();
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }
}
