package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messages.SagaStep;
import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology without a broker: what goes in on which topic, what comes out where, what the stores hold. Time is
 * the records' timestamps: the tests move it on with heartbeats on saga-clock, as the orchestrator's own
 * wall-clock ticks do (which these tests send only once an hour, so that the wall clock alone changes nothing).
 */
class SagaTopologyTest {

    private static final Instant PLACED_AT = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant RESERVED_AT = Instant.parse("2025-01-10T09:00:02Z");
    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Instant DUE = RESERVED_AT.plus(PAYMENT_TIMEOUT);
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final Duration CLOCK_TICK_INTERVAL = Duration.ofHours(1);
    private static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> orders;
    private TestInputTopic<String, byte[]> rawOrders;
    private TestInputTopic<String, SpecificRecord> inventoryEvents;
    private TestInputTopic<String, SpecificRecord> paymentEvents;
    private TestInputTopic<String, SpecificRecord> clock;
    private TestOutputTopic<String, SpecificRecord> inventoryCommands;
    private TestOutputTopic<String, SpecificRecord> paymentCommands;
    private TestOutputTopic<String, OrderStatusChanged> orderStatus;
    private TestOutputTopic<String, SagaClockTick> clockTicks;
    private KeyValueStore<String, OrderSagaState> sagas;
    private KeyValueStore<String, String> wakeUps;

    @BeforeEach
    void startDriver() {
        SagaProperties properties = new SagaProperties(PAYMENT_TIMEOUT, RETRY, Duration.ofSeconds(1),
                CLOCK_TICK_INTERVAL, 1000);
        Topology topology = new SagaTopology(new OrderSagaStateMachine(PAYMENT_TIMEOUT, RETRY), properties,
                new SagaMetrics(meterRegistry)).addTo(new Topology());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "saga-orchestrator-topology-test");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        // The wall clock starts where the records' timestamps do, so its heartbeats line up with the orders.
        driver = new TopologyTestDriver(topology, config, PLACED_AT);

        var avro = new AvroMessageSerializer<SpecificRecord>();
        orders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(), avro);
        rawOrders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(), new ByteArraySerializer());
        inventoryEvents = driver.createInputTopic(Topics.INVENTORY_EVENTS, new StringSerializer(), avro);
        paymentEvents = driver.createInputTopic(Topics.PAYMENT_EVENTS, new StringSerializer(), avro);
        clock = driver.createInputTopic(Topics.SAGA_CLOCK, new StringSerializer(), avro);
        inventoryCommands = driver.createOutputTopic(Topics.INVENTORY_COMMANDS, new StringDeserializer(),
                new AvroMessageDeserializer<>());
        paymentCommands = driver.createOutputTopic(Topics.PAYMENT_COMMANDS, new StringDeserializer(),
                new AvroMessageDeserializer<>());
        orderStatus = driver.createOutputTopic(Topics.ORDER_STATUS, new StringDeserializer(),
                new AvroMessageDeserializer<>(OrderStatusChanged.class));
        clockTicks = driver.createOutputTopic(Topics.SAGA_CLOCK, new StringDeserializer(),
                new AvroMessageDeserializer<>(SagaClockTick.class));
        sagas = driver.getKeyValueStore(SagaTopology.SAGA_STORE);
        wakeUps = driver.getKeyValueStore(SagaTopology.WAKE_UP_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldReserveInventoryAndReportPendingWhenOrderIsPlaced() {
        orders.pipeInput("order-1", orderPlaced("order-1", LINES), PLACED_AT);

        var command = inventoryCommands.readRecord();
        assertThat(command.key()).isEqualTo("order-1");
        assertThat(command.value()).isEqualTo(new ReserveInventory("order-1", LINES));
        var status = orderStatus.readRecord();
        assertThat(status.key()).isEqualTo("order-1");
        assertThat(status.value()).isEqualTo(new OrderStatusChanged("order-1", "customer-7", LINES,
                OrderStatus.PENDING, null, PLACED_AT, PLACED_AT));
        assertThat(sagas.get("order-1").getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(wakeUpsOf("order-1")).containsExactly(PLACED_AT.plus(RETRY));
        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(orderStatus.isEmpty()).isTrue();
    }

    @Test
    void shouldReserveInventoryWithoutReportingPendingWhenOrderServiceCreatedTheOrder() {
        orders.pipeInput("order-6", OrderPlaced.newBuilder(orderPlaced("order-6", LINES))
                .setCreatedByOrderService(true).build(), PLACED_AT);

        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReserveInventory("order-6", LINES));
        assertThat(orderStatus.isEmpty()).isTrue();
        assertThat(sagas.get("order-6").getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(wakeUpsOf("order-6")).containsExactly(PLACED_AT.plus(RETRY));

        inventoryEvents.pipeInput("order-6", new InventoryReserved("order-6", RESERVED_AT), RESERVED_AT);
        assertThat(orderStatus.readValuesToList()).map(OrderStatusChanged::getStatus)
                .containsExactly(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void shouldTakeAPaidOrderThroughAuthorisationAndCommitAcrossTheTopics() {
        awaitingPayment("order-1");

        orders.pipeInput("order-1", new PaymentSubmitted("order-1", "pay-1", PaymentMethod.CARD, "4242",
                RESERVED_AT.plusSeconds(1)), RESERVED_AT.plusSeconds(1));
        assertThat(paymentCommands.readValuesToList())
                .containsExactly(new AuthorizePayment("order-1", "pay-1", PaymentMethod.CARD, "4242"));

        paymentEvents.pipeInput("order-1", new PaymentAuthorized("order-1", "pay-1", "AUTH-1",
                RESERVED_AT.plusSeconds(2)), RESERVED_AT.plusSeconds(2));
        assertThat(inventoryCommands.readValuesToList()).containsExactly(new CommitInventory("order-1"));
        assertThat(orderStatus.isEmpty()).isTrue();

        inventoryEvents.pipeInput("order-1", new InventoryCommitted("order-1", RESERVED_AT.plusSeconds(3)),
                RESERVED_AT.plusSeconds(3));
        OrderStatusChanged paid = orderStatus.readValue();
        assertThat(paid.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.getChangedAt()).isEqualTo(RESERVED_AT.plusSeconds(3));
        assertThat(wakeUpsOf("order-1")).isEmpty();

        clockTicksAt(DUE.plus(RETRY));
        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(paymentCommands.isEmpty()).isTrue();
    }

    @Test
    void shouldExpireAnUnpaidOrderOnceAHeartbeatReachesItsDeadlineAndReportItOnlyOnceTheStockIsBack() {
        awaitingPayment("order-2");

        clockTicksAt(DUE.minusSeconds(1));
        assertThat(inventoryCommands.isEmpty()).isTrue();

        clockTicksAt(DUE);
        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReleaseInventory("order-2", "EXPIRED"));
        assertThat(orderStatus.isEmpty()).isTrue();

        inventoryEvents.pipeInput("order-2", new InventoryReleased("order-2", RESERVED_AT.plusSeconds(16)),
                RESERVED_AT.plusSeconds(16));
        OrderStatusChanged expired = orderStatus.readValue();
        assertThat(expired.getStatus()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(expired.getReason()).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(wakeUpsOf("order-2")).isEmpty();
        assertThat(meterRegistry.get("ordersaga.saga.wake-ups").tag("step", "AWAITING_PAYMENT")
                .tag("action", "expired").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldExpireNothingOnTheWallClockAlone() {
        awaitingPayment("order-2");

        driver.advanceWallClockTime(CLOCK_TICK_INTERVAL.dividedBy(2));

        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(sagas.get("order-2").getStep()).isEqualTo(SagaStep.AWAITING_PAYMENT);
    }

    @Test
    void shouldAuthoriseAPaymentSubmittedBeforeTheDeadlineThoughAHeartbeatPastItFollows() {
        awaitingPayment("order-6");

        orders.pipeInput("order-6", new PaymentSubmitted("order-6", "pay-6", PaymentMethod.CARD, "4242",
                DUE.minusMillis(1)), DUE.minusMillis(1));
        clockTicksAt(DUE.plus(RETRY));

        assertThat(paymentCommands.readValuesToList()).isNotEmpty()
                .containsOnly(new AuthorizePayment("order-6", "pay-6", PaymentMethod.CARD, "4242"));
        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(sagas.get("order-6").getStep()).isEqualTo(SagaStep.AUTHORIZING);
    }

    @Test
    void shouldExpireAnOrderWhosePaymentWasSubmittedAfterItsDeadlineThoughNoTimerHadRunYet() {
        awaitingPayment("order-7");

        orders.pipeInput("order-7", new PaymentSubmitted("order-7", "pay-7", PaymentMethod.CARD, "4242", DUE),
                DUE);

        assertThat(paymentCommands.isEmpty()).isTrue();
        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReleaseInventory("order-7", "EXPIRED"));
        inventoryEvents.pipeInput("order-7", new InventoryReleased("order-7", DUE), DUE);
        assertThat(orderStatus.readValue().getReason()).isEqualTo("PAYMENT_TIMEOUT");
    }

    @Test
    void shouldSendItselfHeartbeatsOnItsOwnPartitionAsTheWallClockAdvancesAndLetThemMoveTimeOn() {
        awaitingPayment("order-8");

        driver.advanceWallClockTime(CLOCK_TICK_INTERVAL);

        var tick = clockTicks.readRecord();
        Instant tickedAt = PLACED_AT.plus(CLOCK_TICK_INTERVAL);
        assertThat(tick.key()).as("the partition of the task: the only one of the driver").isEqualTo("0");
        assertThat(tick.value()).isEqualTo(new SagaClockTick(0, tickedAt));
        assertThat(tick.getRecordTime()).isEqualTo(tickedAt);
        assertThat(clockTicks.isEmpty()).isTrue();
        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReleaseInventory("order-8", "EXPIRED"));
        assertThat(meterRegistry.find("ordersaga.saga.ignored").counters()).as("heartbeats are not events").isEmpty();
    }

    @Test
    void shouldSendACommandAgainUntilItIsAnswered() {
        orders.pipeInput("order-3", orderPlaced("order-3", LINES), PLACED_AT);
        orders.pipeInput("order-3", new CancellationRequested("order-3", PLACED_AT), PLACED_AT);
        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReserveInventory("order-3", LINES),
                new ReleaseInventory("order-3", "CANCELLED"));

        clockTicksAt(PLACED_AT.plus(RETRY));
        clockTicksAt(PLACED_AT.plus(RETRY.multipliedBy(2)));
        assertThat(inventoryCommands.readValuesToList()).containsExactly(
                new ReleaseInventory("order-3", "CANCELLED"), new ReleaseInventory("order-3", "CANCELLED"));

        inventoryEvents.pipeInput("order-3", new InventoryReleased("order-3", PLACED_AT), PLACED_AT);
        assertThat(orderStatus.readValuesToList()).map(OrderStatusChanged::getStatus)
                .containsExactly(OrderStatus.PENDING, OrderStatus.CANCELLED);
        clockTicksAt(PLACED_AT.plus(RETRY.multipliedBy(3)));
        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(meterRegistry.get("ordersaga.saga.wake-ups").tag("step", "RELEASING")
                .tag("action", "resent").counter().count()).isEqualTo(2.0);
    }

    @Test
    void shouldFailOrderWithReasonWhenReservationFails() {
        orders.pipeInput("order-2", orderPlaced("order-2", LINES), PLACED_AT);
        orderStatus.readValuesToList();

        inventoryEvents.pipeInput("order-2", new InventoryReservationFailed("order-2",
                ReservationFailureReason.OUT_OF_STOCK, "pear: 1 wanted, 0 left", RESERVED_AT), RESERVED_AT);

        OrderStatusChanged failed = orderStatus.readValue();
        assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.getReason()).isEqualTo("OUT_OF_STOCK");
        assertThat(failed.getLines()).isEqualTo(LINES);
        assertThat(sagas.get("order-2").getReason()).isEqualTo("OUT_OF_STOCK");
        assertThat(wakeUpsOf("order-2")).isEmpty();
    }

    @Test
    void shouldFailInvalidOrderWithoutCommandingInventory() {
        orders.pipeInput("order-3", orderPlaced("order-3", List.of(new OrderLine("apple", 0))), PLACED_AT);

        assertThat(inventoryCommands.isEmpty()).isTrue();
        OrderStatusChanged failed = orderStatus.readValue();
        assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.getReason()).isEqualTo("INVALID_ORDER");
    }

    @Test
    void shouldIgnoreDuplicateOrderAndDuplicateInventoryEvents() {
        awaitingPayment("order-4");
        OrderSagaState awaitingPayment = sagas.get("order-4");

        orders.pipeInput("order-4", orderPlaced("order-4", LINES), RESERVED_AT.plusSeconds(1));
        inventoryEvents.pipeInput("order-4", new InventoryReserved("order-4", RESERVED_AT),
                RESERVED_AT.plusSeconds(2));
        inventoryEvents.pipeInput("order-4", new InventoryReservationFailed("order-4",
                ReservationFailureReason.OUT_OF_STOCK, null, RESERVED_AT), RESERVED_AT.plusSeconds(3));

        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(orderStatus.isEmpty()).isTrue();
        assertThat(sagas.get("order-4")).isEqualTo(awaitingPayment);
        assertThat(meterRegistry.get("ordersaga.saga.ignored").tag("reason", "NOT_AWAITED").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldIgnoreInventoryEventForUnknownOrder() {
        inventoryEvents.pipeInput("never-placed", new InventoryReserved("never-placed", RESERVED_AT), RESERVED_AT);

        assertThat(orderStatus.isEmpty()).isTrue();
        assertThat(sagas.get("never-placed")).isNull();
    }

    @Test
    void shouldSkipRecordsATopicDoesNotCarryAndKeepProcessing() {
        rawOrders.pipeInput("garbage", "not avro".getBytes(StandardCharsets.UTF_8), PLACED_AT);
        orders.pipeInput("order-5", orderPlaced("order-5", LINES), PLACED_AT);
        // A client that may place orders must not be able to fake inventory's answer on the orders topic.
        orders.pipeInput("order-5", new InventoryReserved("order-5", PLACED_AT), PLACED_AT);

        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReserveInventory("order-5", LINES));
        assertThat(sagas.get("garbage")).isNull();
        assertThat(sagas.get("order-5").getStatus()).isEqualTo(OrderStatus.PENDING);
    }

    private void awaitingPayment(String orderId) {
        orders.pipeInput(orderId, orderPlaced(orderId, LINES), PLACED_AT);
        inventoryEvents.pipeInput(orderId, new InventoryReserved(orderId, RESERVED_AT), RESERVED_AT);
        inventoryCommands.readValuesToList();
        orderStatus.readValuesToList();
        assertThat(wakeUpsOf(orderId)).containsExactly(DUE);
    }

    /** A heartbeat, as the task of partition 0 sends itself: stream time reaches {@code at}. */
    private void clockTicksAt(Instant at) {
        clock.pipeInput("0", new SagaClockTick(0, at), at);
    }

    private List<Instant> wakeUpsOf(String orderId) {
        List<Instant> at = new java.util.ArrayList<>();
        try (var entries = wakeUps.all()) {
            entries.forEachRemaining((KeyValue<String, String> entry) -> {
                if (entry.value.equals(orderId)) {
                    at.add(Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, entry.key.indexOf(':')))));
                }
            });
        }
        return at;
    }

    /** As a client producing straight to the orders topic sends it: it leaves createdByOrderService out. */
    private static OrderPlaced orderPlaced(String orderId, List<OrderLine> lines) {
        return OrderPlaced.newBuilder().setOrderId(orderId).setCustomerId("customer-7").setLines(lines)
                .setPlacedAt(PLACED_AT).build();
    }
}
