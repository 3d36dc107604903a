package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.inventory.InventoryCounterScrape;
import dev.ordersaga.loadtest.inventory.Invariants;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measurement: a strategy's stack running one workload, polled one way, in one repetition.
 *
 * @param repetition 1, 2, ...: which of the strategy's stacks it ran on
 * @param load how the orders were offered, as {@code Load.describe()} says it
 * @param metrics what inventory-service counted during the measured orders
 * @param cpuMillis CPU time per process during the measured orders (see {@code CpuMeter}); empty if not measured
 */
public record WorkloadResult(String strategy, String workload, PollMode poll, int repetition, String description,
                             String load, List<OrderOutcome> outcomes, InventoryCounterScrape metrics,
                             Invariants invariants, Map<String, Double> cpuMillis) {

    public WorkloadResult {
        outcomes = List.copyOf(outcomes);
        cpuMillis = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMillis));
    }

    public Case caseOf() {
        return new Case(workload, poll);
    }

    public LatencyStats latency() {
        return LatencyStats.of(outcomes.stream().filter(OrderOutcome::settled).map(OrderOutcome::latencyMillis)
                .toList());
    }

    /** Settled orders per second, from the first order sent to the last one seen settled. */
    public double ordersPerSecond() {
        return settledPerSecond(outcomes);
    }

    /** {@link #ordersPerSecond()} of any orders, such as unmeasured warm-up ones. */
    public static double settledPerSecond(List<OrderOutcome> outcomes) {
        long first = outcomes.stream().mapToLong(OrderOutcome::startNanos).min().orElse(0);
        long last = outcomes.stream().filter(OrderOutcome::settled).mapToLong(OrderOutcome::settledNanos).max()
                .orElse(first);
        long settled = outcomes.stream().filter(OrderOutcome::settled).count();
        return last > first ? settled / ((last - first) / 1e9) : 0;
    }

    public long settledCount() {
        return outcomes.stream().filter(OrderOutcome::settled).count();
    }

    /**
     * Status polls per settled order, the one that saw it settled included: with latency L and poll interval p,
     * about L / p. Each is a request order-service and PostgreSQL answer, so this is load the polling adds.
     */
    public double pollsPerOrder() {
        return outcomes.stream().filter(OrderOutcome::settled).mapToInt(OrderOutcome::polls).average().orElse(0);
    }

    /** The share of those polls answered 304 Not Modified (no body), 0..1. */
    public double notModifiedShare() {
        long polls = outcomes.stream().filter(OrderOutcome::settled).mapToLong(OrderOutcome::polls).sum();
        long notModified = outcomes.stream().filter(OrderOutcome::settled).mapToLong(OrderOutcome::notModified)
                .sum();
        return polls == 0 ? 0 : (double) notModified / polls;
    }

    /** CPU ms {@code part} spent per settled order; NaN when it was not measured or nothing settled. */
    public double cpuPerOrderMillis(String part) {
        Double millis = cpuMillis.get(part);
        long settled = settledCount();
        return millis == null || settled == 0 ? Double.NaN : millis / settled;
    }

    /** Orders per outcome: {@code AWAITING_PAYMENT}, {@code FAILED OUT_OF_STOCK}, {@code NOT_SETTLED}, ... */
    public Map<String, Long> statusCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (OrderOutcome outcome : outcomes) {
            String key = OrderOutcome.FAILED.equals(outcome.status()) && outcome.reason() != null
                    ? outcome.status() + " " + outcome.reason()
                    : outcome.status();
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    /** The earliest order's start, from which the CSV's start offsets count. */
    public long firstStartNanos() {
        return outcomes.stream().mapToLong(OrderOutcome::startNanos).min().orElse(0);
    }
}
