package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.cpu.CpuMeter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The table printed at the end of a run: one line per measurement (strategy x workload x polling x repetition). */
public final class ConsoleSummary {

    private static final String FORMAT = "%-13s %-5s %-17s %3s %8s %8s %8s %8s %8s %9s %9s %9s  %-30s %s%n";

    private ConsoleSummary() {
    }

    public static String render(List<WorkloadResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(FORMAT.formatted("workload", "poll", "strategy", "rep", "orders/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "conflicts", "lock wait", "CPU/order", "statuses", "invariants"));
        for (WorkloadResult r : results) {
            LatencyStats latency = r.latency();
            out.append(FORMAT.formatted(r.workload(), r.poll().label(), r.strategy(), r.repetition(),
                    Format.rate(r.ordersPerSecond()),
                    Format.millis(latency.p50()), Format.millis(latency.p95()), Format.millis(latency.p99()),
                    Format.millis(latency.max()), Format.count(r.metrics().conflicts()),
                    Format.millis(r.metrics().meanLockWaitMillis()),
                    Format.cpuMillis(r.cpuPerOrderMillis(CpuMeter.SERVER_TOTAL)), statuses(r.statusCounts()),
                    r.invariants().verdict()));
        }
        return out.toString();
    }

    /** "AWAITING_PAYMENT 200, FAILED OUT_OF_STOCK 800" shortened to "AWAITING 200 OUT_OF_STOCK 800". */
    static String statuses(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey().replace("AWAITING_PAYMENT", "AWAITING").replace("FAILED ", "") + " "
                        + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
