package dev.ordersaga.loadtest.report;

import java.util.List;

/**
 * The system order-saga replaces (NestJS, PostgreSQL and Redis on a 2-core machine; 1000 orders, 50 clients
 * polling every 200 ms), measured separately on its own machine. Reported for that system, never re-measured here.
 */
public final class LegacyFigures {

    public record Row(String design, String workload, double ordersPerSecond, double p99Seconds, String notes) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("distributed lock (Redis)", "legacy-hot", 11.5, 9.1, ""),
            new Row("distributed lock (Redis)", "legacy-spread", 7.3, 9.2,
                    "~34% of orders failed on lock time-outs; stock updates lost"),
            new Row("optimistic", "legacy-hot", 18.2, 8.7, ""),
            new Row("optimistic", "legacy-spread", 10.9, 16.3, "one order stuck pending"));

    private LegacyFigures() {
    }
}
