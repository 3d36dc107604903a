package dev.ordersaga.console.traffic;

import java.time.Instant;

/**
 * Events per second over the last few whole seconds, in one counter per second: bounded memory whatever the rate.
 * The second in progress is left out, so that the rate does not dip at the start of every second. Not
 * thread-safe: {@link TrafficStatistics} guards it.
 */
final class RateWindow {

    private final long[] counts;
    private final long[] seconds;
    private final long startSecond;

    RateWindow(int windowSeconds, Instant start) {
        this.counts = new long[windowSeconds];
        this.seconds = new long[windowSeconds];
        this.startSecond = start.getEpochSecond();
        java.util.Arrays.fill(seconds, Long.MIN_VALUE);
    }

    void count(Instant at) {
        long second = at.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) counts.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** The mean rate over the whole seconds of the window before {@code now}, or since the start if that is later. */
    double perSecond(Instant now) {
        long current = now.getEpochSecond();
        long from = Math.max(current - counts.length, startSecond);
        long span = current - from;
        if (span <= 0) {
            return 0;
        }
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (seconds[slot] >= from && seconds[slot] < current) {
                total += counts[slot];
            }
        }
        return (double) total / span;
    }
}
