package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;

import dev.ordersaga.messages.ReserveInventory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Tries a strategy again, in process, while it conflicts, pausing a little longer (and randomly) each time; when
 * the attempts run out, records the order as rejected with CONFLICT_RETRIES_EXHAUSTED. The one place that decides
 * how conflicts are retried, so that a non-blocking retry topic can take its place.
 */
@Component
class ConflictRetry {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private final StockReserver reserver;
    private final int maxAttempts;
    private final RetryTemplate retry;
    private final Counter conflicts;

    ConflictRetry(ReservationProperties properties, StockReserver reserver, MeterRegistry registry) {
        this.reserver = reserver;
        this.maxAttempts = properties.maxAttempts();
        var backoff = properties.backoff();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .includes(ReservationConflictException.class)
                .maxRetries(maxAttempts - 1)
                .delay(backoff.initial())
                .multiplier(backoff.multiplier())
                .jitter(backoff.jitter())
                .maxDelay(backoff.max())
                .build());
        this.conflicts = Counter.builder("ordersaga.inventory.conflicts")
                .description("Reservation attempts that found their stock changed concurrently and rolled back")
                .register(registry);
    }

    ReservationOutcome reserve(ReserveInventory command, ReservationStrategy strategy) {
        var attempt = new AtomicInteger();
        try {
            return retry.invoke(() -> attempt(command, strategy, attempt.incrementAndGet()));
        } catch (ReservationConflictException lastConflict) {
            return reserver.recordRejection(command.getOrderId(), CONFLICT_RETRIES_EXHAUSTED,
                    "Stock kept changing concurrently; gave up after " + maxAttempts + " attempts");
        }
    }

    private ReservationOutcome attempt(ReserveInventory command, ReservationStrategy strategy, int attempt) {
        try {
            return strategy.reserve(command);
        } catch (ReservationConflictException e) {
            conflicts.increment();
            log.debug("Order {}: conflict on attempt {} of {}: {}", command.getOrderId(), attempt, maxAttempts,
                    e.getMessage());
            throw e;
        }
    }
}
