package dev.ordersaga.loadtest.report;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/** The repetitions of one case on one strategy, in the order they ran. */
record Repeated(String strategy, Case measured, List<WorkloadResult> runs) {

    static Repeated of(List<WorkloadResult> results, String strategy, Case measured) {
        return new Repeated(strategy, measured, results.stream()
                .filter(r -> r.strategy().equals(strategy) && measured.matches(r)).toList());
    }

    Spread spread(ToDoubleFunction<WorkloadResult> value) {
        return Spread.of(runs.stream().map(value::applyAsDouble).toList());
    }

    /** The median alone, or "-" when there is no run. */
    String median(ToDoubleFunction<WorkloadResult> value, DoubleFunction<String> number) {
        Spread spread = spread(value);
        return spread.count() == 0 ? "-" : number.apply(spread.median());
    }
}
