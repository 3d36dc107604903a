package dev.ordersaga.loadtest.report;

import java.util.List;

/**
 * The settled rates of a fresh stack's unmeasured rounds of orders, in order. The last round stands for the steady
 * rate: a new stack's first thousand orders are required to settle at no less than half of it.
 */
public record StackWarmUp(String strategy, int repetition, List<Double> roundRates) {

    public StackWarmUp {
        roundRates = List.copyOf(roundRates);
    }

    public double first() {
        return roundRates.isEmpty() ? Double.NaN : roundRates.get(0);
    }

    public double steady() {
        return roundRates.isEmpty() ? Double.NaN : roundRates.get(roundRates.size() - 1);
    }

    /** First round / steady; NaN with fewer than two rounds, where there is nothing to compare. */
    public double firstToSteady() {
        return roundRates.size() < 2 || steady() == 0 ? Double.NaN : first() / steady();
    }
}
