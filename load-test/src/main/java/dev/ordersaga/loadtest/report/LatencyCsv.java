package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.OrderOutcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every measured order: strategy, workload, polling mode, repetition, order id, start offset and latency in ms,
 * status, reason, status polls and how many were answered 304.
 */
public final class LatencyCsv {

    static final String HEADER =
            "strategy,workload,poll,repetition,order_id,start_ms,latency_ms,status,reason,polls,not_modified";

    private LatencyCsv() {
    }

    public static void write(List<WorkloadResult> results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(HEADER + "\n");
            for (WorkloadResult result : results) {
                long first = result.firstStartNanos();
                for (OrderOutcome o : result.outcomes()) {
                    out.write(line(result, o, first));
                }
            }
        }
    }

    /** Latency is empty for an order that never settled. */
    static String line(WorkloadResult result, OrderOutcome o, long firstStartNanos) {
        return String.join(",", result.strategy(), result.workload(), result.poll().label(),
                String.valueOf(result.repetition()), field(o.orderId()),
                String.format(Locale.ROOT, "%.3f", (o.startNanos() - firstStartNanos) / 1e6),
                o.settled() ? String.format(Locale.ROOT, "%.3f", o.latencyMillis()) : "",
                o.status(), field(o.reason()), String.valueOf(o.polls()), String.valueOf(o.notModified())) + "\n";
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
