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
class InventoryMetrics {

    private final MeterRegistry registry;

    InventoryMetrics(MeterRegistry registry) {
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

    /** An attempt rolled back: a version moved under it (kind=version) or its locks were not acquired (kind=lock). */
    void conflict(String command, ReservationConflictException conflict) {
        Counter.builder("ordersaga.inventory.conflicts")
                .description("Command attempts that ran into a concurrent change and rolled back")
                .tag("command", command)
                .tag("kind", conflict instanceof LockNotAcquiredException ? "lock" : "version")
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

    /** Time spent acquiring (or failing to acquire) an order's product locks, tries and pauses included. */
    void lockWait(Duration waited, boolean acquired) {
        Timer.builder("ordersaga.inventory.lock.wait")
                .description("Time the distributed-lock strategy waited for an order's product locks")
                .tag("outcome", acquired ? "acquired" : "not_acquired")
                .publishPercentileHistogram()
                .register(registry)
                .record(waited);
    }

    /** Time to handle one delivery of a command, publishing its answer included. */
    Timer commandDuration(String command) {
        return Timer.builder("ordersaga.inventory.command.duration")
                .description("Time to handle one delivery of a command, its answer published")
                .tag("command", command)
                .publishPercentileHistogram()
                .register(registry);
    }
}
