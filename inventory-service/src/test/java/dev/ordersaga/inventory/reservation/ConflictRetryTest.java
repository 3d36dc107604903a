package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.messages.ReserveInventory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The retry around a strategy, driven by scripted strategies; decisions are recorded in the real database. */
class ConflictRetryTest extends InventoryIntegrationTest {

    private static final int MAX_ATTEMPTS = 3;

    @Autowired
    StockReserver reserver;

    @Autowired
    ReservationRepository reservations;

    @Autowired
    OptimisticReservationStrategy optimistic;

    private final SimpleMeterRegistry retryMeters = new SimpleMeterRegistry();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void shouldRecordConflictRetriesExhaustedWhenEveryAttemptConflicts() {
        String orderId = newOrderId();

        ReservationOutcome outcome = conflictRetry().reserve(reserve(orderId, line(newProduct(5), 1)),
                conflictingFirst(Integer.MAX_VALUE));

        assertThat(attempts).hasValue(MAX_ATTEMPTS);
        assertThat(outcome.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(outcome.reason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
        assertThat(reservations.findOutcome(orderId)).contains(outcome);
        assertThat(retryMeters.get("ordersaga.inventory.conflicts").counter().count()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void shouldReturnTheOutcomeOfTheFirstAttemptThatDoesNotConflict() {
        String product = newProduct(5);
        String orderId = newOrderId();

        ReservationOutcome outcome = conflictRetry().reserve(reserve(orderId, line(product, 2)),
                conflictingFirst(MAX_ATTEMPTS - 1));

        assertThat(attempts).hasValue(MAX_ATTEMPTS);
        assertThat(outcome.isReserved()).isTrue();
        assertThat(stockOf(product).reserved()).isEqualTo(2);
        assertThat(retryMeters.get("ordersaga.inventory.conflicts").counter().count()).isEqualTo(MAX_ATTEMPTS - 1);
    }

    @Test
    void shouldPassOnAFailureOtherThanAConflictWithoutRetryingOrRecording() {
        String orderId = newOrderId();
        var failure = new IllegalStateException("database unreachable");
        ReservationStrategy failing = new ScriptedStrategy(command -> {
            throw failure;
        });

        assertThatThrownBy(() -> conflictRetry().reserve(reserve(orderId, line(newProduct(5), 1)), failing))
                .isSameAs(failure);
        assertThat(attempts).hasValue(1);
        assertThat(reservations.findOutcome(orderId)).isEmpty();
    }

    private ConflictRetry conflictRetry() {
        var backoff = new ReservationProperties.Backoff(Duration.ofMillis(1), 2.0, Duration.ZERO,
                Duration.ofMillis(10));
        return new ConflictRetry(new ReservationProperties("optimistic", MAX_ATTEMPTS, backoff), reserver, retryMeters);
    }

    /** Conflicts on the first {@code conflicts} attempts, then reserves for real. */
    private ReservationStrategy conflictingFirst(int conflicts) {
        return new ScriptedStrategy(command -> {
            if (attempts.get() <= conflicts) {
                throw new ReservationConflictException("scripted conflict");
            }
            return optimistic.reserve(command);
        });
    }

    private final class ScriptedStrategy implements ReservationStrategy {

        private final Function<ReserveInventory, ReservationOutcome> script;

        ScriptedStrategy(Function<ReserveInventory, ReservationOutcome> script) {
            this.script = script;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public ReservationOutcome reserve(ReserveInventory command) {
            attempts.incrementAndGet();
            return script.apply(command);
        }
    }
}
