package dev.ordersaga.saga;

import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one order's events through the {@link OrderSagaStateMachine}: loads the saga, asks the state machine,
 * stores the new state and forwards each message to the sink for its type. Under exactly-once the store update
 * and the sent messages commit together, so a crash never leaves a state without its messages or vice versa.
 */
class SagaProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(SagaProcessor.class);

    private final OrderSagaStateMachine stateMachine;
    private final SagaMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderSagaState> sagas;

    SagaProcessor(OrderSagaStateMachine stateMachine, SagaMetrics metrics) {
        this.stateMachine = stateMachine;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sagas = context.getStateStore(SagaTopology.SAGA_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String orderId = record.key();
        if (orderId == null || record.value() == null) {
            log.warn("Skipping record without order id or message on {} (key {}): every saga topic is keyed by"
                    + " order id", context.recordMetadata().map(RecordMetadata::topic).orElse("?"), orderId);
            return;
        }
        Optional<OrderSagaState> current = Optional.ofNullable(sagas.get(orderId));
        // The record's timestamp rather than the wall clock: a replay then produces exactly the same messages.
        Transition transition = stateMachine.on(current, record.value(), Instant.ofEpochMilli(record.timestamp()));

        transition.ignored().ifPresent(reason -> {
            metrics.ignored(reason);
            logIgnored(orderId, record.value(), current, reason);
        });
        transition.newState().ifPresent(next -> {
            sagas.put(orderId, next);
            Optional<OrderStatus> from = current.map(OrderSagaState::getStatus);
            metrics.transition(from, next.getStatus());
            logTransition(orderId, from, next, transition);
        });
        for (SpecificRecord message : transition.messages()) {
            context.forward(new Record<>(orderId, message, record.timestamp()), SagaTopology.sinkFor(message));
        }
    }

    private static void logIgnored(String orderId, SpecificRecord event, Optional<OrderSagaState> current,
            Transition.Ignored reason) {
        String eventType = event.getClass().getSimpleName();
        String status = current.map(saga -> saga.getStatus().name()).orElse("no saga");
        switch (reason) {
            case UNKNOWN_ORDER, UNEXPECTED_MESSAGE -> log.warn("Ignoring {} for order {} ({}): {}",
                    eventType, orderId, status, reason);
            case DUPLICATE_ORDER, NOT_AWAITED -> log.info("Ignoring {} for order {} ({}): {}",
                    eventType, orderId, status, reason);
        }
    }

    private static void logTransition(String orderId, Optional<OrderStatus> from, OrderSagaState next,
            Transition transition) {
        String fromName = from.map(OrderStatus::name).orElse("new");
        if (next.getStatus() == OrderStatus.FAILED) {
            log.info("Order {} {} -> FAILED ({}{})", orderId, fromName, next.getReason(),
                    transition.detail().map(detail -> ": " + detail).orElse(""));
        } else {
            log.debug("Order {} {} -> {}", orderId, fromName, next.getStatus());
        }
    }
}
