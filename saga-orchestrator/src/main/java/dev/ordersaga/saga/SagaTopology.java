package dev.ordersaga.saga;

import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReserveInventory;
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
 * orders            (OrderPlaced)                    --+                  +--> inventory-commands (ReserveInventory)
 *                                                      +--> saga ---------+
 * inventory-events  (InventoryReserved | ...Failed)  --+     |            +--> order-status (OrderStatusChanged)
 *                                                      order-sagas store
 * </pre>
 * Both inputs are keyed by order id and have the same partition count, so one task sees every event of an order
 * and owns that order's saga in its store shard.
 */
@Component
public class SagaTopology {

    /** Saga state by order id; changelogged, so a restarted or moved task rebuilds it from Kafka. */
    public static final String SAGA_STORE = "order-sagas";

    static final String ORDERS_SOURCE = "orders";
    static final String INVENTORY_EVENTS_SOURCE = "inventory-events";
    static final String SAGA_PROCESSOR = "saga";
    static final String INVENTORY_COMMANDS_SINK = "inventory-commands";
    static final String ORDER_STATUS_SINK = "order-status";

    /** Where each message the state machine sends goes; a new command type adds a sink and a line here. */
    private static final Map<Class<? extends SpecificRecord>, String> SINK_BY_MESSAGE_TYPE = Map.of(
            ReserveInventory.class, INVENTORY_COMMANDS_SINK,
            OrderStatusChanged.class, ORDER_STATUS_SINK);

    private final OrderSagaStateMachine stateMachine;
    private final SagaMetrics metrics;

    public SagaTopology(OrderSagaStateMachine stateMachine, SagaMetrics metrics) {
        this.stateMachine = stateMachine;
        this.metrics = metrics;
    }

    /** Adds the saga's nodes to {@code topology} (empty, or built by Spring's StreamsBuilder) and returns it. */
    public Topology addTo(Topology topology) {
        return topology
                .addSource(ORDERS_SOURCE, new StringDeserializer(),
                        AvroSerdes.of(OrderPlaced.class).deserializer(), Topics.ORDERS)
                .addSource(INVENTORY_EVENTS_SOURCE, new StringDeserializer(),
                        AvroSerdes.anyMessage().deserializer(), Topics.INVENTORY_EVENTS)
                .addProcessor(SAGA_PROCESSOR, () -> new SagaProcessor(stateMachine, metrics),
                        ORDERS_SOURCE, INVENTORY_EVENTS_SOURCE)
                .addStateStore(sagaStore(), SAGA_PROCESSOR)
                .addSink(INVENTORY_COMMANDS_SINK, Topics.INVENTORY_COMMANDS, new StringSerializer(),
                        AvroSerdes.of(ReserveInventory.class).serializer(), SAGA_PROCESSOR)
                .addSink(ORDER_STATUS_SINK, Topics.ORDER_STATUS, new StringSerializer(),
                        AvroSerdes.of(OrderStatusChanged.class).serializer(), SAGA_PROCESSOR);
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
}
