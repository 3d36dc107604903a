package dev.ordersaga.loadtest.report;

import java.util.Collection;

/** Percentiles by nearest rank (the smallest value with at least q of the samples at or below it), in ms. */
public record LatencyStats(int count, double p50, double p95, double p99, double max) {

    public static LatencyStats of(Collection<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0);
        }
        return new LatencyStats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
