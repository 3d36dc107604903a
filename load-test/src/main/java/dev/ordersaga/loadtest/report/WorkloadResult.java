package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.inventory.InventoryMetrics;
import dev.ordersaga.loadtest.inventory.Invariants;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One strategy x workload measurement.
 *
 * @param load how the orders were offered, as {@code Load.describe()} says it
 * @param metrics what inventory-service counted during the measured orders
 */
public record WorkloadResult(String strategy, String workload, String description, String load,
                             List<OrderOutcome> outcomes, InventoryMetrics metrics, Invariants invariants) {

    public WorkloadResult {
        outcomes = List.copyOf(outcomes);
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

    /**
     * Status polls per settled order, the one that saw it settled included: with latency L and poll interval p,
     * about L / p. Each is a request order-service and PostgreSQL answer, so this is load the polling adds.
     */
    public double pollsPerOrder() {
        return outcomes.stream().filter(OrderOutcome::settled).mapToInt(OrderOutcome::polls).average().orElse(0);
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
