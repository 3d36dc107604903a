package dev.ordersaga.console.traffic;

import java.time.Duration;
import java.util.Arrays;

/**
 * The times to settle of the latest {@code capacity} settled orders, for their percentiles: recent enough to follow
 * a change in load, bounded however many orders pass. Not thread-safe: {@link TrafficStatistics} guards it.
 */
final class SettleLatencies {

    private final long[] millis;
    private int next;
    private int size;

    SettleLatencies(int capacity) {
        this.millis = new long[capacity];
    }

    void add(Duration timeToSettle) {
        millis[next] = Math.max(0, timeToSettle.toMillis());
        next = (next + 1) % millis.length;
        size = Math.min(size + 1, millis.length);
    }

    Settle summary() {
        if (size == 0) {
            return new Settle(0, null, null);
        }
        long[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        return new Settle(size, percentile(sorted, 50), percentile(sorted, 99));
    }

    /** Nearest rank: the smallest sample that at least {@code percent} % of the samples do not exceed. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * @param samples how many settled orders the percentiles cover
     * @param p50Millis half of them settled within this many milliseconds; {@code null} without samples
     * @param p99Millis 99 % of them did
     */
    public record Settle(int samples, Long p50Millis, Long p99Millis) {
    }
}
