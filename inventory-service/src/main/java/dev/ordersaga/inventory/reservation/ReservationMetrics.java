package dev.ordersaga.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Every meter inventory-service publishes about its commands, in one place so that their names and tags can be
 * found (and documented in docs/inventory.md) together. Prometheus shows them with dots as underscores, counters
 * with {@code _total}, timers with {@code _seconds_*}.
 */
@Component
class ReservationMetrics {

    private final MeterRegistry registry;

    ReservationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Orders decided, by outcome: reserved, out_of_stock, ..., or duplicate for a replayed answer. */
    void reservationDecided(ReservationOutcome outcome) {
        Counter.builder("ordersaga.inventory.reservations")
                .description("Orders decided, by outcome; duplicate = a repeated command got its recorded outcome")
                .tag("outcome", outcome.metricTag())
                .register(registry)
                .increment();
    }

    /**
     * A command whose batch rolled back because of it: a version it read moved (kind=version), or the batch's locks
     * were not acquired (kind=lock).
     */
    void conflict(String command, boolean lock) {
        Counter.builder("ordersaga.inventory.conflicts")
                .description("Command attempts that ran into a concurrent change and rolled back")
                .tag("command", command)
                .tag("kind", lock ? "lock" : "version")
                .register(registry)
                .increment();
    }

    /** A conflicted write run again at once, within the same delivery of its command. */
    void immediateRetry(String command) {
        Counter.builder("ordersaga.inventory.immediate.retries")
                .description("Conflicted writes run again at once, from a fresh read, before any retry topic")
                .tag("command", command)
                .register(registry)
                .increment();
    }

    /** A command handled again after a conflict; {@code attempt} is 2 for the first retry. */
    void retry(Attempt attempt) {
        Counter.builder("ordersaga.inventory.retries")
                .description("Commands handled again from a retry topic, by attempt number (2 = first retry)")
                .tag("attempt", Integer.toString(attempt.number()))
                .register(registry)
                .increment();
    }

    void retriesExhausted(String command) {
        Counter.builder("ordersaga.inventory.retries.exhausted")
                .description("Commands that still conflicted on their last attempt")
                .tag("command", command)
                .register(registry)
                .increment();
    }

    /** A record written to inventory-commands-dlt, by the simple name of the exception that sent it there. */
    void deadLetter(String exception) {
        Counter.builder("ordersaga.inventory.dead.letters")
                .description("Records sent to inventory-commands-dlt, by exception")
                .tag("exception", exception)
                .register(registry)
                .increment();
    }

    /** Time spent acquiring (or failing to acquire) a batch's product locks, every try included. */
    void lockWait(Duration waited, boolean acquired) {
        Timer.builder("ordersaga.inventory.lock.wait")
                .description("Time the distributed-lock strategy waited for a batch's product locks")
                .tag("outcome", acquired ? "acquired" : "not_acquired")
                .publishPercentileHistogram()
                .register(registry)
                .record(waited);
    }

    /** Time to handle the batch a command was delivered in, publishing its answers included; one sample per command. */
    Timer commandDuration(String command) {
        return Timer.builder("ordersaga.inventory.command.duration")
                .description("Time to handle the batch a command was delivered in, its answers published")
                .tag("command", command)
                .publishPercentileHistogram()
                .register(registry);
    }
}
