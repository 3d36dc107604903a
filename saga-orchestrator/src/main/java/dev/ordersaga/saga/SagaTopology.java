package dev.ordersaga.saga;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.messaging.AvroSerdes;
import dev.ordersaga.messaging.Topics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.stereotype.Component;

/**
 * The orchestrator's flow, top to bottom:
 * <pre>
 * orders           (OrderPlaced, PaymentSubmitted,  --+             +--> inventory-commands (Reserve-, Release-,
 *                   CancellationRequested)            |             |                        CommitInventory)
 * inventory-events (InventoryReserved, ...Failed,   --+--> saga ----+--> payment-commands   (AuthorizePayment,
 *                   ...Released, ...Committed)        |    |  ^     |                        VoidPayment)
 * payment-events   (PaymentAuthorized, ...Declined, --+    |  |     +--> order-status       (OrderStatusChanged)
 *                   ...Voided)                        |    |  |     |
 * saga-clock       (SagaClockTick)                  --+    |  |     +--> saga-clock         (SagaClockTick, to the
 *                                                          |  |                              task's own partition)
 *                                                order-sagas  saga-wake-ups (+ stream-time timer)
 * </pre>
 * All inputs have the same partition count and the saga's are keyed by order id, so one task sees every event of
 * an order and owns that order's saga (and its timer) in its store shards; the task's heartbeats on saga-clock
 * (see {@link SagaClock}) come back to the same task, in timestamp order with its other input.
 */
@Component
public class SagaTopology {

    /** Saga state by order id; changelogged, so a restarted or moved task rebuilds it from Kafka. */
    public static final String SAGA_STORE = "order-sagas";
    /** When each waiting saga wants its timer (see {@link SagaWakeUps}); changelogged too. */
    public static final String WAKE_UP_STORE = "saga-wake-ups";

    static final String ORDERS_SOURCE = "orders";
    static final String INVENTORY_EVENTS_SOURCE = "inventory-events";
    static final String PAYMENT_EVENTS_SOURCE = "payment-events";
    static final String CLOCK_SOURCE = "saga-clock";
    static final String SAGA_PROCESSOR = "saga";
    static final String INVENTORY_COMMANDS_SINK = "inventory-commands";
    static final String PAYMENT_COMMANDS_SINK = "payment-commands";
    static final String ORDER_STATUS_SINK = "order-status";
    static final String CLOCK_SINK = "saga-clock-ticks";

    /** Where each message the state machine sends goes; a new command type adds a sink and a line here. */
    private static final Map<Class<? extends SpecificRecord>, String> SINK_BY_MESSAGE_TYPE = Map.of(
            ReserveInventory.class, INVENTORY_COMMANDS_SINK,
            ReleaseInventory.class, INVENTORY_COMMANDS_SINK,
            CommitInventory.class, INVENTORY_COMMANDS_SINK,
            AuthorizePayment.class, PAYMENT_COMMANDS_SINK,
            VoidPayment.class, PAYMENT_COMMANDS_SINK,
            OrderStatusChanged.class, ORDER_STATUS_SINK);

    private final OrderSagaStateMachine stateMachine;
    private final SagaProperties properties;
    private final SagaMetrics metrics;

    public SagaTopology(OrderSagaStateMachine stateMachine, SagaProperties properties, SagaMetrics metrics) {
        this.stateMachine = stateMachine;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Adds the saga's nodes to {@code topology} (empty, or built by Spring's StreamsBuilder) and returns it. */
    public Topology addTo(Topology topology) {
        return topology
                .addSource(ORDERS_SOURCE, new StringDeserializer(),
                        AvroSerdes.forTopic(Topics.ORDERS).deserializer(), Topics.ORDERS)
                .addSource(INVENTORY_EVENTS_SOURCE, new StringDeserializer(),
                        AvroSerdes.forTopic(Topics.INVENTORY_EVENTS).deserializer(), Topics.INVENTORY_EVENTS)
                .addSource(PAYMENT_EVENTS_SOURCE, new StringDeserializer(),
                        AvroSerdes.forTopic(Topics.PAYMENT_EVENTS).deserializer(), Topics.PAYMENT_EVENTS)
                .addSource(CLOCK_SOURCE, new StringDeserializer(),
                        AvroSerdes.forTopic(Topics.SAGA_CLOCK).deserializer(), Topics.SAGA_CLOCK)
                // One processor for all four sources: that is what puts them in one sub-topology, hence one task
                // per partition that reads them all, so the heartbeats move the stream time of the sagas' task.
                .addProcessor(SAGA_PROCESSOR, () -> new SagaProcessor(stateMachine, properties, metrics),
                        ORDERS_SOURCE, INVENTORY_EVENTS_SOURCE, PAYMENT_EVENTS_SOURCE, CLOCK_SOURCE)
                .addStateStore(sagaStore(), SAGA_PROCESSOR)
                .addStateStore(wakeUpStore(), SAGA_PROCESSOR)
                .addSink(INVENTORY_COMMANDS_SINK, Topics.INVENTORY_COMMANDS, new StringSerializer(),
                        AvroSerdes.anyMessage().serializer(), SAGA_PROCESSOR)
                .addSink(PAYMENT_COMMANDS_SINK, Topics.PAYMENT_COMMANDS, new StringSerializer(),
                        AvroSerdes.anyMessage().serializer(), SAGA_PROCESSOR)
                .addSink(ORDER_STATUS_SINK, Topics.ORDER_STATUS, new StringSerializer(),
                        AvroSerdes.anyMessage().serializer(), SAGA_PROCESSOR)
                .addSink(CLOCK_SINK, Topics.SAGA_CLOCK, new StringSerializer(),
                        AvroSerdes.anyMessage().serializer(), new SagaClock.OwnPartition(), SAGA_PROCESSOR);
    }

    static String sinkFor(SpecificRecord message) {
        String sink = SINK_BY_MESSAGE_TYPE.get(message.getClass());
        if (sink == null) {
            throw new IllegalStateException("The saga sent a " + message.getClass().getSimpleName()
                    + " but no sink takes it; add one in " + SagaTopology.class.getSimpleName());
        }
        return sink;
    }

    private static StoreBuilder<KeyValueStore<String, OrderSagaState>> sagaStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAGA_STORE),
                        Serdes.String(), AvroSerdes.of(OrderSagaState.class))
                .withLoggingEnabled(Map.of());
    }

    private static StoreBuilder<KeyValueStore<String, String>> wakeUpStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAKE_UP_STORE),
                        Serdes.String(), Serdes.String())
                .withLoggingEnabled(Map.of());
    }
}
