package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides each order exactly once: reserves all of its lines or none, through the configured
 * {@link ReservationStrategy}, with conflicts retried by {@link ConflictRetry}. A repeated command gets the
 * recorded decision again.
 */
@Service
public class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final ReservationStrategy strategy;
    private final ConflictRetry conflictRetry;
    private final MeterRegistry registry;
    private final Timer duration;

    ReservationService(List<ReservationStrategy> strategies, ReservationProperties properties,
            ConflictRetry conflictRetry, MeterRegistry registry) {
        this.strategy = strategies.stream()
                .filter(candidate -> candidate.name().equals(properties.strategy()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("inventory.reservation.strategy is '"
                        + properties.strategy() + "'; set it to one of "
                        + strategies.stream().map(ReservationStrategy::name).toList()));
        this.conflictRetry = conflictRetry;
        this.registry = registry;
        this.duration = Timer.builder("ordersaga.inventory.reservation.duration")
                .description("Time to decide an order, conflict retries included")
                .publishPercentileHistogram()
                .register(registry);
        log.info("Reserving stock with the {} strategy", strategy.name());
    }

    public ReservationOutcome reserve(ReserveInventory command) {
        ReservationOutcome outcome = duration.record(() -> conflictRetry.reserve(command, strategy));
        Counter.builder("ordersaga.inventory.reservations")
                .description("Orders decided, by outcome; duplicate = a repeated command got its recorded outcome")
                .tag("outcome", outcome.metricTag())
                .register(registry)
                .increment();
        logDecision(outcome);
        return outcome;
    }

    private static void logDecision(ReservationOutcome outcome) {
        if (outcome.replayed()) {
            log.info("Order {} was decided before ({}); repeating that outcome", outcome.orderId(),
                    outcome.isReserved() ? "reserved" : outcome.reason());
        } else if (outcome.isReserved()) {
            log.debug("Order {} reserved", outcome.orderId());
        } else if (outcome.reason() == ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED) {
            log.warn("Order {} rejected: {}", outcome.orderId(), outcome.detail());
        } else {
            log.info("Order {} rejected, {}: {}", outcome.orderId(), outcome.reason(), outcome.detail());
        }
    }
}
