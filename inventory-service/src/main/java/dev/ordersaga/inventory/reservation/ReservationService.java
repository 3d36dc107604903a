package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;

import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Handles one attempt of each inventory command through the configured {@link ReservationStrategy}. Every command is
 * idempotent: it is decided once, and a repeated command gets the recorded result again.
 *
 * <p>A version conflict is first run again at once, from a fresh read, up to
 * {@code inventory.reservation.retry.immediate-retries} times: it means another write to the same stock has just
 * committed, so the next read most likely sees a row nobody is changing. A conflict that persists is thrown on, for
 * the caller to retry later from a retry topic, except on the last attempt: a reservation is then rejected with
 * CONFLICT_RETRIES_EXHAUSTED, so that the saga takes its failure path instead of waiting forever.
 */
@Service
public class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final ReservationStrategy strategy;
    private final StockReserver reserver;
    private final ReservedStock reservedStock;
    private final ReservationRepository reservations;
    private final InventoryMetrics metrics;
    private final int immediateRetries;

    ReservationService(List<ReservationStrategy> strategies, ReservationProperties properties, StockReserver reserver,
            ReservedStock reservedStock, ReservationRepository reservations, InventoryMetrics metrics) {
        this.strategy = strategies.stream()
                .filter(candidate -> candidate.name().equals(properties.strategy()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("inventory.reservation.strategy is '"
                        + properties.strategy() + "'; set it to one of "
                        + strategies.stream().map(ReservationStrategy::name).toList()));
        this.reserver = reserver;
        this.reservedStock = reservedStock;
        this.reservations = reservations;
        this.metrics = metrics;
        this.immediateRetries = properties.retry().immediateRetries();
        log.info("Guarding stock changes with the {} strategy", strategy.name());
    }

    /**
     * Reserves every line of the order or none, or answers what was decided before.
     *
     * @throws ReservationConflictException when the stock changed concurrently and this is not the last attempt
     */
    public ReservationOutcome reserve(ReserveInventory command, Attempt attempt) {
        String orderId = command.getOrderId();
        SortedSet<String> products = command.getLines().stream()
                .map(OrderLine::getProductId)
                .collect(Collectors.toCollection(TreeSet::new));
        ReservationOutcome outcome;
        try {
            outcome = write("reserve", products, () -> reserver.reserve(command));
        } catch (ReservationConflictException conflict) {
            failUnlessLastAttempt("reserve", orderId, attempt, conflict);
            outcome = reserver.recordRejection(orderId, CONFLICT_RETRIES_EXHAUSTED, "Each of " + attempt.of()
                    + " attempts met a concurrent change; gave up. The last: " + conflict.getMessage());
        }
        metrics.reservationDecided(outcome);
        logDecision(outcome);
        return outcome;
    }

    /**
     * Gives back what the order holds and records it RELEASED (also when it held nothing, or was never seen).
     *
     * @return the reservation as it ends up: RELEASED, or COMMITTED when it had been committed before
     * @throws ReservationConflictException when the stock changed concurrently; on the last attempt too
     */
    public Reservation release(ReleaseInventory command, Attempt attempt) {
        return end("release", command.getOrderId(), attempt, reservedStock::release);
    }

    /**
     * Lets the order's reserved units leave the stock and records it COMMITTED.
     *
     * @throws ReservationConflictException when the stock changed concurrently; on the last attempt too
     * @throws InapplicableCommandException when the order holds no reserved stock
     */
    public Reservation commit(CommitInventory command, Attempt attempt) {
        return end("commit", command.getOrderId(), attempt, reservedStock::commit);
    }

    /** A release or commit has no answer that would let the saga move on without it: its last conflict is thrown. */
    private Reservation end(String command, String orderId, Attempt attempt, Function<String, Reservation> change) {
        requireStorableId(orderId);
        // Lines never change once recorded, so the products to lock can be read before locking them.
        SortedSet<String> products = new TreeSet<>(reservations.findLines(orderId).keySet());
        try {
            return write(command, products, () -> change.apply(orderId));
        } catch (ReservationConflictException conflict) {
            failUnlessLastAttempt(command, orderId, attempt, conflict);
            log.error("Order {}: {} still conflicted on its last attempt ({}); it goes to the dead-letter topic,"
                    + " from where it can be replayed safely", orderId, command, attempt, conflict);
            throw conflict;
        }
    }

    /**
     * Runs {@code readModifyWrite} through the strategy, again at once after a version conflict while immediate
     * retries are left. A lock not acquired is thrown on at once: its tries have waited already.
     */
    private <T> T write(String command, SortedSet<String> products, Supplier<T> readModifyWrite) {
        for (int retry = 0; ; retry++) {
            try {
                return strategy.write(products, readModifyWrite);
            } catch (ReservationConflictException conflict) {
                if (retry == immediateRetries || conflict instanceof LockNotAcquiredException) {
                    throw conflict;
                }
                metrics.conflict(command, conflict);
                metrics.immediateRetry(command);
            }
        }
    }

    /** Counts the conflict and throws it on, unless this was the last attempt. */
    private void failUnlessLastAttempt(String command, String orderId, Attempt attempt,
            ReservationConflictException conflict) {
        metrics.conflict(command, conflict);
        if (!attempt.isLast()) {
            log.debug("Order {}: {} conflicted on attempt {}: {}", orderId, command, attempt, conflict.getMessage());
            throw conflict;
        }
        metrics.retriesExhausted(command);
    }

    private static String requireStorableId(String orderId) {
        if (orderId.isBlank() || orderId.length() > StockReserver.MAX_ID_LENGTH) {
            throw new InapplicableCommandException("Order id must have 1 to " + StockReserver.MAX_ID_LENGTH
                    + " characters; got " + orderId.length());
        }
        return orderId;
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
