package dev.ordersaga.console.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * inventory-service's contention counters since it started, from its {@code /actuator/prometheus} (its
 * ReservationMetrics; docs/inventory.md, "Metrics"). A counter that was never incremented is not exported yet: it
 * counts as 0.
 *
 * @param versionConflicts command attempts rolled back because a version they read moved (optimistic locking)
 * @param lockConflicts command attempts rolled back because their batch's locks were not acquired
 * @param immediateRetries conflicted writes run again at once, within the same delivery
 * @param retriesByAttempt commands handled again from a retry topic, by attempt (2 = first retry), in attempt order
 * @param retriesExhausted commands that still conflicted on their last attempt
 */
public record InventoryMeters(long versionConflicts, long lockConflicts, long immediateRetries,
                              List<AttemptCount> retriesByAttempt, long retriesExhausted) {

    static final String CONFLICTS = "ordersaga_inventory_conflicts_total";
    static final String IMMEDIATE_RETRIES = "ordersaga_inventory_immediate_retries_total";
    static final String RETRIES = "ordersaga_inventory_retries_total";
    static final String EXHAUSTED = "ordersaga_inventory_retries_exhausted_total";

    public record AttemptCount(int attempt, long commands) {
    }

    static InventoryMeters parse(String prometheusText) {
        long versionConflicts = 0;
        long lockConflicts = 0;
        long immediateRetries = 0;
        long exhausted = 0;
        Map<Integer, Long> byAttempt = new TreeMap<>();
        for (PrometheusSample sample : PrometheusSample.parseAll(prometheusText)) {
            long value = Math.round(sample.value());
            switch (sample.name()) {
                case CONFLICTS -> {
                    if ("lock".equals(sample.labels().get("kind"))) {
                        lockConflicts += value;
                    } else {
                        versionConflicts += value;
                    }
                }
                case IMMEDIATE_RETRIES -> immediateRetries += value;
                case RETRIES -> attempt(sample).ifPresent(n -> byAttempt.merge(n, value, Long::sum));
                case EXHAUSTED -> exhausted += value;
                default -> { }
            }
        }
        return new InventoryMeters(versionConflicts, lockConflicts, immediateRetries, byAttempt.entrySet().stream()
                .map(entry -> new AttemptCount(entry.getKey(), entry.getValue())).toList(), exhausted);
    }

    private static Optional<Integer> attempt(PrometheusSample sample) {
        try {
            return Optional.of(Integer.parseInt(sample.labels().getOrDefault("attempt", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
