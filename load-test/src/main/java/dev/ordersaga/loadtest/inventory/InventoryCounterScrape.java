package dev.ordersaga.loadtest.inventory;

import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of inventory-service's contention counters from its {@code /actuator/prometheus} (docs/inventory.md,
 * "Metrics"), each summed over its tags. Scraped before and after a workload; {@link #since} gives what the
 * workload caused.
 *
 * @param lockWaitMaxSeconds Micrometer's maximum over its recent window, as scraped at the end (not a difference)
 */
public record InventoryCounterScrape(double conflicts, double immediateRetries, double retries,
                                     double retriesExhausted, double lockWaitSeconds, double lockWaits,
                                     double lockWaitMaxSeconds) {

    static final String CONFLICTS = "ordersaga_inventory_conflicts_total";
    static final String IMMEDIATE_RETRIES = "ordersaga_inventory_immediate_retries_total";
    static final String RETRIES = "ordersaga_inventory_retries_total";
    static final String EXHAUSTED = "ordersaga_inventory_retries_exhausted_total";
    static final String LOCK_WAIT_SUM = "ordersaga_inventory_lock_wait_seconds_sum";
    static final String LOCK_WAIT_COUNT = "ordersaga_inventory_lock_wait_seconds_count";
    static final String LOCK_WAIT_MAX = "ordersaga_inventory_lock_wait_seconds_max";

    /** A counter that was never incremented is not exported yet: it counts as 0. */
    public static InventoryCounterScrape parse(String prometheusText) {
        Map<String, Double> sums = sumsByName(prometheusText);
        return new InventoryCounterScrape(sums.getOrDefault(CONFLICTS, 0.0), sums.getOrDefault(IMMEDIATE_RETRIES, 0.0),
                sums.getOrDefault(RETRIES, 0.0),
                sums.getOrDefault(EXHAUSTED, 0.0), sums.getOrDefault(LOCK_WAIT_SUM, 0.0),
                sums.getOrDefault(LOCK_WAIT_COUNT, 0.0), maxByName(prometheusText, LOCK_WAIT_MAX));
    }

    public InventoryCounterScrape since(InventoryCounterScrape before) {
        return new InventoryCounterScrape(conflicts - before.conflicts, immediateRetries - before.immediateRetries,
                retries - before.retries,
                retriesExhausted - before.retriesExhausted, lockWaitSeconds - before.lockWaitSeconds,
                lockWaits - before.lockWaits, lockWaitMaxSeconds);
    }

    /** Mean wait for an order's locks, in ms; 0 when no lock was taken. */
    public double meanLockWaitMillis() {
        return lockWaits == 0 ? 0 : lockWaitSeconds / lockWaits * 1000;
    }

    /** Each sample line is {@code name{labels} value}; comments start with #. */
    static Map<String, Double> sumsByName(String text) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : text.split("\n")) {
            Sample sample = Sample.parse(line);
            if (sample != null) {
                sums.merge(sample.name(), sample.value(), Double::sum);
            }
        }
        return sums;
    }

    private static double maxByName(String text, String name) {
        double max = 0;
        for (String line : text.split("\n")) {
            Sample sample = Sample.parse(line);
            if (sample != null && sample.name().equals(name)) {
                max = Math.max(max, sample.value());
            }
        }
        return max;
    }

    private record Sample(String name, double value) {

        static Sample parse(String line) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                return null;
            }
            int nameEnd = 0;
            while (nameEnd < trimmed.length() && trimmed.charAt(nameEnd) != '{' && trimmed.charAt(nameEnd) != ' ') {
                nameEnd++;
            }
            // The value follows the labels (which may contain spaces inside quotes): after the last '}' if any.
            int valueStart = trimmed.charAt(Math.min(nameEnd, trimmed.length() - 1)) == '{'
                    ? trimmed.lastIndexOf('}') + 1 : nameEnd;
            String[] rest = trimmed.substring(valueStart).trim().split("\\s+");
            try {
                return new Sample(trimmed.substring(0, nameEnd), Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
