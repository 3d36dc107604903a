package dev.ordersaga.loadtest.report;

import java.util.Collection;
import java.util.function.DoubleFunction;

/**
 * Min, median and max of one figure over a workload's repetitions; NaN values (not measured) are left out. The
 * median of an even count is the mean of the middle two.
 */
public record Spread(int count, double min, double median, double max) {

    public static Spread of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (sorted.length == 0) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(n, sorted[0], median, sorted[n - 1]);
    }

    /** "120 (95-130)": the median, then min-max when there is more than one value; "-" when there is none. */
    public String format(DoubleFunction<String> number) {
        if (count == 0) {
            return "-";
        }
        String median = number.apply(this.median);
        return count == 1 ? median : median + " (" + number.apply(min) + "-" + number.apply(max) + ")";
    }
}
