package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology without a broker: what goes in on which topic, what comes out where, what the store holds. */
class SagaTopologyTest {

    private static final Instant PLACED_AT = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant RESERVED_AT = Instant.parse("2025-01-10T09:00:02Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> orders;
    private TestInputTopic<String, byte[]> rawOrders;
    private TestInputTopic<String, SpecificRecord> inventoryEvents;
    private TestOutputTopic<String, ReserveInventory> inventoryCommands;
    private TestOutputTopic<String, OrderStatusChanged> orderStatus;
    private KeyValueStore<String, OrderSagaState> sagas;

    @BeforeEach
    void startDriver() {
        Topology topology = new SagaTopology(new OrderSagaStateMachine(), new SagaMetrics(meterRegistry))
                .addTo(new Topology());
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "saga-orchestrator-topology-test");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        driver = new TopologyTestDriver(topology, config);

        var avro = new AvroMessageSerializer<SpecificRecord>();
        orders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(), avro);
        rawOrders = driver.createInputTopic(Topics.ORDERS, new StringSerializer(), new ByteArraySerializer());
        inventoryEvents = driver.createInputTopic(Topics.INVENTORY_EVENTS, new StringSerializer(), avro);
        inventoryCommands = driver.createOutputTopic(Topics.INVENTORY_COMMANDS, new StringDeserializer(),
                new AvroMessageDeserializer<>(ReserveInventory.class));
        orderStatus = driver.createOutputTopic(Topics.ORDER_STATUS, new StringDeserializer(),
                new AvroMessageDeserializer<>(OrderStatusChanged.class));
        sagas = driver.getKeyValueStore(SagaTopology.SAGA_STORE);
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
        assertThat(sagas.get("order-1")).isEqualTo(new OrderSagaState("order-1", "customer-7", LINES,
                OrderStatus.PENDING, null, PLACED_AT, PLACED_AT));
        assertThat(inventoryCommands.isEmpty()).isTrue();
        assertThat(orderStatus.isEmpty()).isTrue();
    }

    @Test
    void shouldAwaitPaymentWhenInventoryIsReserved() {
        orders.pipeInput("order-1", orderPlaced("order-1", LINES), PLACED_AT);
        orderStatus.readValuesToList();

        inventoryEvents.pipeInput("order-1", new InventoryReserved("order-1", RESERVED_AT), RESERVED_AT);

        assertThat(orderStatus.readValuesToList()).containsExactly(new OrderStatusChanged("order-1",
                "customer-7", LINES, OrderStatus.AWAITING_PAYMENT, null, PLACED_AT, RESERVED_AT));
        assertThat(sagas.get("order-1").getStatus()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(sagas.get("order-1").getUpdatedAt()).isEqualTo(RESERVED_AT);
        assertThat(meterRegistry.get("ordersaga.saga.transitions").tag("from", "PENDING")
                .tag("to", "AWAITING_PAYMENT").counter().count()).isEqualTo(1.0);
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
        assertThat(sagas.get("order-2").getStatus()).isEqualTo(OrderStatus.FAILED);
        assertThat(sagas.get("order-2").getReason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void shouldFailInvalidOrderWithoutCommandingInventory() {
        orders.pipeInput("order-3", orderPlaced("order-3", List.of(new OrderLine("apple", 0))), PLACED_AT);

        assertThat(inventoryCommands.isEmpty()).isTrue();
        OrderStatusChanged failed = orderStatus.readValue();
        assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.getReason()).isEqualTo("INVALID_ORDER");
        assertThat(sagas.get("order-3").getStatus()).isEqualTo(OrderStatus.FAILED);
    }

    @Test
    void shouldIgnoreDuplicateOrderAndDuplicateInventoryEvents() {
        orders.pipeInput("order-4", orderPlaced("order-4", LINES), PLACED_AT);
        inventoryEvents.pipeInput("order-4", new InventoryReserved("order-4", RESERVED_AT), RESERVED_AT);
        inventoryCommands.readValuesToList();
        orderStatus.readValuesToList();
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
    void shouldSkipRecordsOnOrdersThatAreNotOrderPlacedAndKeepProcessing() {
        rawOrders.pipeInput("garbage", "not avro".getBytes(StandardCharsets.UTF_8), PLACED_AT);
        orders.pipeInput("wrong-type", new InventoryReserved("wrong-type", PLACED_AT), PLACED_AT);
        orders.pipeInput("order-5", orderPlaced("order-5", LINES), PLACED_AT);

        assertThat(inventoryCommands.readValuesToList()).containsExactly(new ReserveInventory("order-5", LINES));
        assertThat(sagas.get("garbage")).isNull();
        assertThat(sagas.get("wrong-type")).isNull();
    }

    private static OrderPlaced orderPlaced(String orderId, List<OrderLine> lines) {
        return new OrderPlaced(orderId, "customer-7", lines, PLACED_AT);
    }
}
