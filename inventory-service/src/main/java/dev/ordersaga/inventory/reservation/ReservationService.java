package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.inventory.stock.ProductStockRepository;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.support.TransientFailures;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies a batch of inventory commands in one transaction, through the configured {@link ReservationStrategy}.
 * Every command is idempotent: it is decided once, and a repeated command, in a later batch or in the same one,
 * gets the recorded result again.
 *
 * <p>The batch is read at once (stock rows and the orders' reservations, one statement each), applied in memory
 * command by command in the order given (so a later command of an order sees what its earlier one did), and
 * written at once: one JDBC batch of versioned stock updates, multi-row inserts of reservations and their lines.
 *
 * <p>A write that finds a row changed since the read (another instance or consumer thread wrote it) is a conflict:
 * the transaction rolls back, and the whole batch is run again at once, from a fresh read, up to
 * {@code inventory.reservation.retry.immediate-retries} times. A conflict that persists, or locks not acquired,
 * set the commands that depended on the changed rows aside (they go to the retry topic of their next attempt), and
 * the rest of the batch is run again without them. On a command's last attempt a conflicted reservation is
 * rejected with CONFLICT_RETRIES_EXHAUSTED instead, so that the saga takes its failure path rather than waiting
 * forever; a release or commit has no such answer, and goes to the dead-letter topic.
 */
@Service
public class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final ReservationStrategy strategy;
    private final StockReserver reserver;
    private final ReservationSettler settler;
    private final ProductStockRepository stock;
    private final ReservationRepository reservations;
    private final ReservationMetrics metrics;
    private final Clock clock;
    private final int immediateRetries;

    ReservationService(List<ReservationStrategy> strategies, ReservationProperties properties, StockReserver reserver,
            ReservationSettler settler, ProductStockRepository stock, ReservationRepository reservations,
            ReservationMetrics metrics, Clock clock) {
        this.strategy = strategies.stream()
                .filter(candidate -> candidate.name().equals(properties.strategy()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("inventory.reservation.strategy is '"
                        + properties.strategy() + "'; set it to one of "
                        + strategies.stream().map(ReservationStrategy::name).toList()));
        this.reserver = reserver;
        this.settler = settler;
        this.stock = stock;
        this.reservations = reservations;
        this.metrics = metrics;
        this.clock = clock;
        this.immediateRetries = properties.retry().immediateRetries();
        log.info("Guarding stock changes with the {} strategy", strategy.name());
    }

    /**
     * Applies the commands in one transaction (more than one only when some conflicted or one fails on its own).
     *
     * @return one verdict per command, in the same order
     * @throws RuntimeException a {@linkplain TransientFailures transient} failure: the database is unreachable, and
     *     nothing was written; the batch may be handled again as a whole
     */
    List<Verdict> apply(List<Command> commands) {
        try {
            return applyTogether(commands);
        } catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure) || commands.size() == 1) {
                throw failure;
            }
            // Not the database's absence and not a conflict: one command the rules did not foresee. Alone, each
            // command either applies or fails by itself; the others are not held up by it.
            log.warn("A batch of {} commands failed ({}); applying each on its own", commands.size(),
                    failure.toString());
            List<Verdict> verdicts = new ArrayList<>();
            for (Command command : commands) {
                verdicts.add(applyAlone(command));
            }
            return verdicts;
        }
    }

    private Verdict applyAlone(Command command) {
        try {
            return applyTogether(List.of(command)).get(0);
        } catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure)) {
                throw failure;
            }
            log.error("Order {}: {} failed; it goes to the dead-letter topic", command.orderId(), command.name(),
                    failure);
            return new Verdict.DeadLetter(failure);
        }
    }

    private List<Verdict> applyTogether(List<Command> commands) {
        Verdict[] verdicts = new Verdict[commands.size()];
        Set<Integer> pending = IntStream.range(0, commands.size()).boxed()
                .collect(Collectors.toCollection(LinkedHashSet::new));
        // Reservations out of attempts, with the last conflict: they are rejected instead of being applied.
        Map<Integer, String> exhausted = new HashMap<>();
        for (int round = 0; !pending.isEmpty(); round++) {
            List<Integer> running = List.copyOf(pending);
            try {
                Map<Integer, Verdict> applied = strategy.write(() -> productsToLock(commands, running, exhausted),
                        () -> applyOnce(commands, running, exhausted));
                applied.forEach((index, verdict) -> verdicts[index] = verdict);
                break;
            } catch (ReservationConflictException conflict) {
                boolean lock = conflict instanceof LockNotAcquiredException;
                Set<Integer> conflicted = conflict instanceof BatchConflictException batch
                        && !batch.commands().isEmpty() ? batch.commands() : Set.copyOf(running);
                conflicted.forEach(index -> metrics.conflict(commands.get(index).name(), lock));
                if (!lock && round < immediateRetries) {
                    conflicted.forEach(index -> metrics.immediateRetry(commands.get(index).name()));
                    continue;
                }
                for (int index : conflicted) {
                    Command command = commands.get(index);
                    if (exhausted.containsKey(index)) {
                        continue; // its rejection met the order decided meanwhile: the next read finds that
                    }
                    if (!command.attempt().isLast()) {
                        log.debug("Order {}: {} conflicted on attempt {}: {}", command.orderId(), command.name(),
                                command.attempt(), conflict.getMessage());
                        verdicts[index] = new Verdict.Retry();
                        pending.remove(index);
                        continue;
                    }
                    metrics.retriesExhausted(command.name());
                    if (command.message() instanceof ReserveInventory) {
                        exhausted.put(index, conflict.getMessage());
                    } else {
                        log.error("Order {}: {} still conflicted on its last attempt ({}); it goes to the dead-letter"
                                + " topic, from where it can be replayed safely", command.orderId(), command.name(),
                                command.attempt(), conflict);
                        verdicts[index] = new Verdict.DeadLetter(conflict);
                        pending.remove(index);
                    }
                }
            }
        }
        for (Verdict verdict : verdicts) {
            if (verdict instanceof Verdict.Decided decided) {
                metrics.reservationDecided(decided.outcome());
                logDecision(decided.outcome());
            }
        }
        return List.of(verdicts);
    }

    /**
     * The products whose stock the commands may change, in product-id order: a reservation's lines, and the lines
     * of an order to settle. Lines never change once recorded, so they can be read before locking their products.
     */
    private SortedSet<String> productsToLock(List<Command> commands, List<Integer> running,
            Map<Integer, String> exhausted) {
        SortedSet<String> products = new TreeSet<>();
        List<String> settled = new ArrayList<>();
        for (int index : running) {
            Command command = commands.get(index);
            if (command.message() instanceof ReserveInventory reserve && !exhausted.containsKey(index)) {
                reserve.getLines().forEach(line -> products.add(line.getProductId()));
            } else if (command.message() instanceof ReleaseInventory || command.message() instanceof CommitInventory) {
                settled.add(command.orderId());
            }
        }
        if (!settled.isEmpty()) {
            reservations.findLinesOfAll(settled).values().forEach(lines -> products.addAll(lines.keySet()));
        }
        return products;
    }

    /** One try at the batch, inside the strategy's transaction. */
    private Map<Integer, Verdict> applyOnce(List<Command> commands, List<Integer> running,
            Map<Integer, String> exhausted) {
        Set<String> orderIds = running.stream().map(index -> commands.get(index).orderId())
                .filter(orderId -> orderId != null && StockReserver.isStorable(orderId))
                .collect(Collectors.toSet());
        Map<String, SortedMap<String, Integer>> lines = reservations.findLinesOfAll(orderIds);
        Set<String> products = new TreeSet<>();
        lines.values().forEach(held -> products.addAll(held.keySet()));
        for (int index : running) {
            if (commands.get(index).message() instanceof ReserveInventory reserve) {
                reserve.getLines().forEach(line -> products.add(line.getProductId()));
            }
        }
        List<ProductStock> rows = stock.findAllById(products);
        // Events carry milliseconds; recording at that precision makes a replayed event identical to the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var batch = new BatchWorkingSet(rows, reservations.findAll(orderIds), lines, now);

        Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
        Map<Integer, Set<String>> productsRead = new HashMap<>();
        for (int index : running) {
            Command command = commands.get(index);
            // A reservation out of attempts is rejected whatever the stock: it depends on no row.
            productsRead.put(index, exhausted.containsKey(index) ? Set.of() : productsDecidedOn(batch, command));
            verdicts.put(index, applyTo(batch, command, exhausted.get(index)));
        }

        Set<String> changedStock = stock.updateIfUnchanged(batch.changedStock());
        Set<String> changedOrders = new TreeSet<>();
        if (changedStock.isEmpty()) {
            List<Reservation> added = batch.newReservations();
            Set<String> inserted = reservations.insertAllIfAbsent(added);
            added.stream().map(Reservation::orderId).filter(orderId -> !inserted.contains(orderId))
                    .forEach(changedOrders::add);
            changedOrders.addAll(reservations.endAll(batch.endings()));
        }
        if (!changedStock.isEmpty() || !changedOrders.isEmpty()) {
            Set<Integer> conflicted = new TreeSet<>();
            for (int index : running) {
                if (changedOrders.contains(commands.get(index).orderId())
                        || productsRead.get(index).stream().anyMatch(changedStock::contains)) {
                    conflicted.add(index);
                }
            }
            throw new BatchConflictException(changedStock.isEmpty()
                    ? "Orders " + changedOrders + " were decided or settled concurrently"
                    : "Stock of " + changedStock + " changed after it was read", conflicted);
        }
        reservations.insertLines(batch.newLines());
        return verdicts;
    }

    /** The stock rows the command's outcome depends on, as the batch stands before it applies. */
    private static Set<String> productsDecidedOn(BatchWorkingSet batch, Command command) {
        if (command.message() instanceof ReserveInventory reserve) {
            return reserve.getLines().stream().map(line -> line.getProductId()).collect(Collectors.toSet());
        }
        String orderId = command.orderId();
        return orderId == null ? Set.of() : batch.lines(orderId).keySet();
    }

    private Verdict applyTo(BatchWorkingSet batch, Command command, String lastConflict) {
        try {
            if (command.message() instanceof ReserveInventory reserve) {
                if (lastConflict != null) {
                    return new Verdict.Decided(reserver.recordRejection(batch, reserve.getOrderId(),
                            CONFLICT_RETRIES_EXHAUSTED, "Each of " + command.attempt().of() + " attempts met a"
                                    + " concurrent change; gave up. The last: " + lastConflict));
                }
                return new Verdict.Decided(reserver.reserve(batch, reserve));
            }
            if (command.message() instanceof ReleaseInventory release) {
                return new Verdict.Settled(settler.release(batch, requireStorableId(release.getOrderId())));
            }
            if (command.message() instanceof CommitInventory commit) {
                return new Verdict.Settled(settler.commit(batch, requireStorableId(commit.getOrderId())));
            }
            throw new InapplicableCommandException(Topics.INVENTORY_COMMANDS + " carries ReserveInventory,"
                    + " ReleaseInventory and CommitInventory; this record holds "
                    + (command.message() == null ? "no value" : command.message().getSchema().getName()));
        } catch (InapplicableCommandException inapplicable) {
            return new Verdict.DeadLetter(inapplicable);
        }
    }

    private static String requireStorableId(String orderId) {
        if (!StockReserver.isStorable(orderId)) {
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
