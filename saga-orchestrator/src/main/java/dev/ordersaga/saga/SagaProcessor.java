package dev.ordersaga.saga;

import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.saga.SagaWakeUps.WakeUp;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one order's events through the {@link OrderSagaStateMachine}: loads the saga, asks the state machine,
 * stores the new state, keeps the wake-up index in step and forwards each message to the sink for its type.
 * A stream-time punctuator wakes the sagas whose time has come the same way, and a wall-clock punctuator sends the
 * heartbeats that move stream time on ({@link SagaClock}). Under exactly-once the store updates and the sent
 * messages commit together, so a crash never leaves a state without its messages or vice versa, and a timer that
 * fired is either fully done or fires again after the restart.
 */
class SagaProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(SagaProcessor.class);

    private final OrderSagaStateMachine stateMachine;
    private final SagaProperties properties;
    private final SagaMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderSagaState> sagas;
    private SagaWakeUps wakeUps;

    SagaProcessor(OrderSagaStateMachine stateMachine, SagaProperties properties, SagaMetrics metrics) {
        this.stateMachine = stateMachine;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sagas = context.getStateStore(SagaTopology.SAGA_STORE);
        this.wakeUps = new SagaWakeUps(context.getStateStore(SagaTopology.WAKE_UP_STORE));
        // Stream time, not the wall clock: see SagaClock for why a deadline is then never judged ahead of the input.
        context.schedule(properties.timerInterval(), PunctuationType.STREAM_TIME,
                streamTime -> wakeUpDueSagas(Instant.ofEpochMilli(streamTime)));
        int partition = context.taskId().partition();
        context.schedule(properties.clockTickInterval(), PunctuationType.WALL_CLOCK_TIME,
                wallClockTime -> context.forward(SagaClock.tick(partition, wallClockTime), SagaTopology.CLOCK_SINK));
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof SagaClockTick) {
            return; // reading it has moved the stream time on, which is all a heartbeat is for
        }
        String orderId = record.key();
        if (orderId == null || record.value() == null) {
            log.warn("Skipping record without order id or message on {} (key {}): every saga topic is keyed by"
                    + " order id", context.recordMetadata().map(RecordMetadata::topic).orElse("?"), orderId);
            return;
        }
        Optional<OrderSagaState> current = Optional.ofNullable(sagas.get(orderId));
        // The record's timestamp rather than the wall clock: a replay then produces exactly the same messages.
        Instant now = Instant.ofEpochMilli(record.timestamp());
        Transition transition = stateMachine.on(current, record.value(), now);
        apply(orderId, record.value().getClass().getSimpleName(), current, transition, now);
    }

    private void wakeUpDueSagas(Instant now) {
        for (WakeUp wakeUp : wakeUps.due(now, properties.wakeUpsPerTimer())) {
            OrderSagaState saga = sagas.get(wakeUp.orderId());
            if (saga == null || !wakeUp.at().equals(saga.getWakeUpAt())) {
                log.warn("Dropping a stale timer of order {} at {}", wakeUp.orderId(), wakeUp.at());
                wakeUps.remove(wakeUp);
                continue;
            }
            Transition transition = stateMachine.onWakeUp(saga, now);
            metrics.wokeUp(OrderSagaStateMachine.stepOf(saga), transition);
            apply(wakeUp.orderId(), "timer", Optional.of(saga), transition, now);
        }
    }

    private void apply(String orderId, String event, Optional<OrderSagaState> current, Transition transition,
            Instant now) {
        transition.ignored().ifPresent(reason -> {
            metrics.ignored(reason);
            logIgnored(orderId, event, current, reason);
        });
        transition.newState().ifPresent(next -> {
            sagas.put(orderId, next);
            wakeUps.move(orderId, current.map(OrderSagaState::getWakeUpAt).orElse(null), next.getWakeUpAt());
            Optional<OrderStatus> from = current.map(OrderSagaState::getStatus);
            if (from.isEmpty() || from.get() != next.getStatus()) {
                metrics.transition(from, next.getStatus());
            }
            logTransition(orderId, event, current, next, transition);
        });
        if (transition.newState().isEmpty() && !transition.messages().isEmpty()) {
            log.info("Order {}: {} -> sends {} ({})", orderId, event, transition.messages().stream()
                    .map(message -> message.getClass().getSimpleName()).toList(), transition.detail().orElse(""));
        }
        for (SpecificRecord message : transition.messages()) {
            metrics.sent(message);
            context.forward(new Record<>(orderId, message, now.toEpochMilli()), SagaTopology.sinkFor(message));
        }
    }

    private static void logIgnored(String orderId, String event, Optional<OrderSagaState> current,
            Transition.Ignored reason) {
        String state = current.map(saga -> saga.getStatus() + "/" + OrderSagaStateMachine.stepOf(saga))
                .orElse("no saga");
        switch (reason) {
            case UNKNOWN_ORDER, UNEXPECTED_MESSAGE -> log.warn("Ignoring {} for order {} ({}): {}",
                    event, orderId, state, reason);
            case DUPLICATE_ORDER, NOT_AWAITED, TOO_LATE_TO_CANCEL, ACKNOWLEDGED -> log.info(
                    "Ignoring {} for order {} ({}): {}", event, orderId, state, reason);
        }
    }

    private static void logTransition(String orderId, String event, Optional<OrderSagaState> current,
            OrderSagaState next, Transition transition) {
        String from = current.map(saga -> saga.getStatus() + "/" + OrderSagaStateMachine.stepOf(saga)).orElse("new");
        String detail = transition.detail().map(text -> " (" + text + ")").orElse("");
        if (next.getStatus() == OrderStatus.FAILED || event.equals("timer")) {
            log.info("Order {} {} on {} -> {}/{}{}{}", orderId, from, event, next.getStatus(), next.getStep(),
                    next.getReason() == null ? "" : " " + next.getReason(), detail);
        } else {
            log.debug("Order {} {} on {} -> {}/{}{}", orderId, from, event, next.getStatus(), next.getStep(), detail);
        }
    }
}
