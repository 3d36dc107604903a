package dev.ordersaga.saga;

import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.SagaStep;
import dev.ordersaga.saga.Transition.Ignored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

/**
 * Counts what the saga does: {@code ordersaga.saga.transitions} by {@code from} and {@code to} status (from
 * {@code NONE} for a new saga), {@code ordersaga.saga.ignored} by {@code reason}, {@code ordersaga.saga.messages}
 * sent by {@code type}, and {@code ordersaga.saga.wake-ups} by the {@code step} woken and the {@code action} taken
 * ({@code expired}, {@code resent}: a command sent again for want of an answer, {@code none}). Counters are looked
 * up once per tag combination, so a processed record costs a map lookup and an increment.
 */
@Component
public class SagaMetrics {

    private static final String NO_SAGA = "NONE";

    private final MeterRegistry registry;
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
    private final Map<Ignored, Counter> ignored = new ConcurrentHashMap<>();
    private final Map<Class<?>, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> wakeUps = new ConcurrentHashMap<>();

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void transition(Optional<OrderStatus> from, OrderStatus to) {
        String fromTag = from.map(OrderStatus::name).orElse(NO_SAGA);
        transitions.computeIfAbsent(fromTag + '>' + to, key -> Counter.builder("ordersaga.saga.transitions")
                        .description("Saga state changes, by status before and after")
                        .tag("from", fromTag)
                        .tag("to", to.name())
                        .register(registry))
                .increment();
    }

    void ignored(Ignored reason) {
        ignored.computeIfAbsent(reason, key -> Counter.builder("ordersaga.saga.ignored")
                        .description("Events that left the saga unchanged (duplicates, late or unknown orders)")
                        .tag("reason", reason.name())
                        .register(registry))
                .increment();
    }

    void sent(SpecificRecord message) {
        sent.computeIfAbsent(message.getClass(), type -> Counter.builder("ordersaga.saga.messages")
                        .description("Commands and events the saga sent, by message type")
                        .tag("type", type.getSimpleName())
                        .register(registry))
                .increment();
    }

    void wokeUp(SagaStep step, Transition transition) {
        String action = transition.newState().map(next -> next.getStep() == SagaStep.RELEASING
                        && step != SagaStep.RELEASING ? "expired" : transition.messages().isEmpty() ? "none" : "resent")
                .orElse("none");
        wakeUps.computeIfAbsent(step + ">" + action, key -> Counter.builder("ordersaga.saga.wake-ups")
                        .description("Saga timers that fired, by the step they woke and what they did")
                        .tag("step", step.name())
                        .tag("action", action)
                        .register(registry))
                .increment();
    }
}
