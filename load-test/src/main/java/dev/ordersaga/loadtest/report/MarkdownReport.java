package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.inventory.Invariants;
import dev.ordersaga.loadtest.reference.KafkaFigures;
import dev.ordersaga.loadtest.reference.PostgresFigures;
import dev.ordersaga.loadtest.reference.ReferenceFigures;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * docs/benchmarks.md: everything above {@link #ANALYSIS_MARKER} is written by the tool on each run; what the lead
 * wrote below it is carried over untouched.
 */
public final class MarkdownReport {

    public static final String ANALYSIS_MARKER = "<!-- analysis: kept by the tool -->";

    private static final String NO_ANALYSIS = """

            ## Analysis

            (Written by hand: what limits each strategy, with evidence. `./bench.sh` keeps this section.)
            """;

    private MarkdownReport() {
    }

    /** The new report, keeping the analysis section of {@code previous} (the file as it was, or empty). */
    public static String render(RunInfo run, List<WorkloadResult> results, ReferenceFigures reference,
                                Optional<String> previous) {
        StringBuilder md = new StringBuilder();
        header(md, run);
        summary(md, run, results);
        for (String workload : run.workloads()) {
            workload(md, run, results.stream().filter(r -> r.workload().equals(workload)).toList());
        }
        reference(md, reference);
        legacy(md);
        md.append('\n').append(ANALYSIS_MARKER).append('\n');
        md.append(previous.map(MarkdownReport::analysisOf).orElse(NO_ANALYSIS));
        return md.toString();
    }

    /** What follows the marker in an earlier report; the placeholder when there is no marker. */
    static String analysisOf(String previous) {
        int marker = previous.indexOf(ANALYSIS_MARKER);
        if (marker < 0) {
            return NO_ANALYSIS;
        }
        String kept = previous.substring(marker + ANALYSIS_MARKER.length());
        return kept.startsWith("\n") ? kept.substring(1) : kept;
    }

    private static void header(StringBuilder md, RunInfo run) {
        md.append("# Benchmarks\n\n");
        md.append("Written by `./bench.sh` (module `load-test`); run it again to refresh everything above the"
                + " analysis. Raw latencies: [benchmarks/latencies.csv](benchmarks/latencies.csv); chart:"
                + " [benchmarks/summary.png](benchmarks/summary.png).\n\n");
        md.append("![latency percentiles and throughput per workload and strategy](benchmarks/summary.png)\n\n");
        table(md, List.of("", ""), List.of(
                List.of("machine", run.machine().describe()),
                List.of("Java", run.machine().java()),
                List.of("command", "`" + run.command() + "`"),
                List.of("date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        run.started().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC"),
                List.of("stack", run.target())));
        md.append("""

                A client places an order (`POST /orders`), then polls `GET /orders/{id}` every poll interval until \
                the order is *settled*: its reservation is decided, `AWAITING_PAYMENT` or `FAILED`. Latency is from \
                just before the POST to the first poll that shows a settled status, so it includes up to one poll \
                interval of waiting. Orders/s = settled orders / (last settle - first POST). Closed loop: N clients, \
                each places its next order when the previous one settled. Open loop: orders start at a fixed rate \
                whatever happens. Each fresh stack first settles unmeasured rounds of 1000 orders (8000 by default; its JVMs \
                compile meanwhile); before each workload its products get their stock and a few hundred warm-up \
                orders run on other products; counters are scraped from inventory-service's \
                `/actuator/prometheus` before and after the measured orders.
                """);
    }

    private static void summary(StringBuilder md, RunInfo run, List<WorkloadResult> results) {
        md.append("\n## Summary\n\n");
        List<String> strategies = run.strategies();
        List<String> head = new ArrayList<>(List.of("workload"));
        for (String strategy : strategies) {
            head.add(strategy + " orders/s");
        }
        head.addAll(ratioHeader(strategies, "orders/s"));
        for (String strategy : strategies) {
            head.add(strategy + " p99 ms");
        }
        head.addAll(ratioHeader(strategies, "p99"));
        head.add("invariants");
        List<List<String>> rows = new ArrayList<>();
        for (String workload : run.workloads()) {
            List<String> row = new ArrayList<>(List.of("`" + workload + "`"));
            List<Optional<WorkloadResult>> byStrategy = strategies.stream()
                    .map(s -> find(results, s, workload)).toList();
            byStrategy.forEach(r -> row.add(r.map(x -> Format.rate(x.ordersPerSecond())).orElse("-")));
            row.addAll(ratioCell(byStrategy, WorkloadResult::ordersPerSecond));
            byStrategy.forEach(r -> row.add(r.map(x -> Format.millis(x.latency().p99())).orElse("-")));
            row.addAll(ratioCell(byStrategy, r -> r.latency().p99()));
            row.add(byStrategy.stream().flatMap(Optional::stream)
                    .allMatch(r -> r.invariants().passed()) ? "PASS" : "**FAIL**");
            rows.add(row);
        }
        table(md, head, rows);
    }

    private static void workload(StringBuilder md, RunInfo run, List<WorkloadResult> results) {
        if (results.isEmpty()) {
            return;
        }
        WorkloadResult first = results.get(0);
        md.append("\n## `").append(first.workload()).append("`\n\n");
        md.append(first.description()).append("; ").append(first.outcomes().size()).append(" orders, ")
                .append(first.load()).append(".\n\n");
        List<Optional<WorkloadResult>> byStrategy = run.strategies().stream()
                .map(s -> find(results, s, first.workload())).toList();
        List<String> head = new ArrayList<>(List.of(""));
        head.addAll(run.strategies());
        head.addAll(ratioHeader(run.strategies(), ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("orders/s settled", byStrategy, r -> Format.rate(r.ordersPerSecond()),
                WorkloadResult::ordersPerSecond));
        rows.add(row("p50 ms", byStrategy, r -> Format.millis(r.latency().p50()), r -> r.latency().p50()));
        rows.add(row("p95 ms", byStrategy, r -> Format.millis(r.latency().p95()), r -> r.latency().p95()));
        rows.add(row("p99 ms", byStrategy, r -> Format.millis(r.latency().p99()), r -> r.latency().p99()));
        rows.add(row("max ms", byStrategy, r -> Format.millis(r.latency().max()), r -> r.latency().max()));
        TreeSet<String> statuses = new TreeSet<>();
        byStrategy.forEach(r -> r.ifPresent(x -> statuses.addAll(x.statusCounts().keySet())));
        for (String status : statuses) {
            rows.add(row("`" + status + "`", byStrategy,
                    r -> String.valueOf(r.statusCounts().getOrDefault(status, 0L)), null));
        }
        rows.add(row("status polls per order", byStrategy, r -> Format.rate(r.pollsPerOrder()), null));
        rows.add(row("conflicts", byStrategy, r -> Format.count(r.metrics().conflicts()), null));
        rows.add(row("immediate retries", byStrategy, r -> Format.count(r.metrics().immediateRetries()), null));
        rows.add(row("retry-topic retries", byStrategy, r -> Format.count(r.metrics().retries()), null));
        rows.add(row("retries exhausted", byStrategy, r -> Format.count(r.metrics().retriesExhausted()), null));
        rows.add(row("lock waits", byStrategy, r -> Format.count(r.metrics().lockWaits()), null));
        rows.add(row("lock wait mean ms", byStrategy, r -> Format.millis(r.metrics().meanLockWaitMillis()), null));
        rows.add(row("lock wait max ms (recent)", byStrategy,
                r -> Format.millis(r.metrics().lockWaitMaxSeconds() * 1000), null));
        rows.add(row("invariants", byStrategy, r -> r.invariants().passed() ? "PASS" : "**FAIL**", null));
        table(md, head, rows);
        for (Optional<WorkloadResult> result : byStrategy) {
            result.filter(r -> !r.invariants().passed()).ifPresent(r -> {
                md.append("\nInvariants broken by `").append(r.strategy()).append("`:\n\n");
                for (Invariants.Check check : r.invariants().checks()) {
                    md.append("- ").append(check.passed() ? "pass" : "**FAIL**").append(" ").append(check.name())
                            .append(": ").append(check.detail()).append('\n');
                }
            });
        }
    }

    private static void reference(StringBuilder md, ReferenceFigures reference) {
        md.append("\n## Reference figures (same machine, same run)\n\n");
        md.append("How close the pipeline gets to its parts. Each part measured alone, on the stack's own broker"
                + " and PostgreSQL server, while no orders were running.\n\n");
        List<List<String>> rows = new ArrayList<>();
        reference.kafka().ifPresent(k -> addKafka(rows, k));
        reference.postgres().ifPresent(p -> addPostgres(rows, p));
        if (rows.isEmpty()) {
            md.append("Not measured in this run.\n");
            return;
        }
        table(md, List.of("part", "measurement", "result"), rows);
    }

    private static void addKafka(List<List<String>> rows, KafkaFigures k) {
        rows.add(List.of("Kafka", k.roundTrips() + " sequential produce-to-consume round trips, 100-byte record",
                "p50 " + Format.millis(k.roundTripP50Millis()) + " ms, p99 " + Format.millis(k.roundTripP99Millis())
                        + " ms"));
        rows.add(List.of("Kafka", "produce " + k.records() + " 100-byte records (linger 5 ms, acks=all, 6"
                + " partitions)", Format.rate(k.producedPerSecond()) + " records/s"));
        rows.add(List.of("Kafka", "consume them", Format.rate(k.consumedPerSecond()) + " records/s"));
    }

    private static void addPostgres(List<List<String>> rows, PostgresFigures p) {
        String how = "read + `UPDATE ... WHERE id = ? AND version = ?`, " + p.threads() + " connections, "
                + String.format(Locale.ROOT, "%.1f", p.seconds()) + " s";
        rows.add(List.of("PostgreSQL", how + ", one hot row", Format.rate(p.hotUpdatesPerSecond())
                + " updates/s, " + Format.rate(p.hotConflictsPerSecond()) + " conflicts/s"));
        rows.add(List.of("PostgreSQL", how + ", " + p.spreadRows() + " rows at random",
                Format.rate(p.spreadUpdatesPerSecond()) + " updates/s"));
    }

    private static void legacy(StringBuilder md) {
        md.append("""

                ## The system order-saga replaces (measured separately, on its own machine)

                Not measured by this tool: the previous NestJS services with PostgreSQL and Redis \
                beside them on a 2-core machine, 1000 orders, 50 concurrent clients polling every 200 ms, \
                latency to the final status. Compare with `seed-hot` and `seed-spread` above, keeping in mind the \
                different machines.

                """);
        List<List<String>> rows = LegacyFigures.ROWS.stream().map(r -> List.of(r.design(), "`" + r.workload() + "`",
                Format.rate(r.ordersPerSecond()), String.format(Locale.ROOT, "%.1f s", r.p99Seconds()),
                r.notes())).toList();
        table(md, List.of("design", "workload", "orders/s", "p99", "notes"), rows);
    }

    private static List<String> row(String name, List<Optional<WorkloadResult>> byStrategy,
                                    Function<WorkloadResult, String> cell, ToDoubleFunction<WorkloadResult> ratioOf) {
        List<String> row = new ArrayList<>(List.of(name));
        byStrategy.forEach(r -> row.add(r.map(cell).orElse("-")));
        if (byStrategy.size() == 2) {
            row.add(ratioOf == null ? "" : ratioCell(byStrategy, ratioOf).get(0));
        }
        return row;
    }

    /** With two strategies, a column "a / b"; none otherwise. */
    private static List<String> ratioHeader(List<String> strategies, String of) {
        return strategies.size() == 2
                ? List.of((of.isEmpty() ? "" : of + " ") + strategies.get(0) + " / " + strategies.get(1))
                : List.of();
    }

    private static List<String> ratioCell(List<Optional<WorkloadResult>> byStrategy,
                                          ToDoubleFunction<WorkloadResult> value) {
        if (byStrategy.size() != 2) {
            return List.of();
        }
        if (byStrategy.get(0).isEmpty() || byStrategy.get(1).isEmpty()) {
            return List.of("-");
        }
        return List.of(Format.ratio(value.applyAsDouble(byStrategy.get(0).get()),
                value.applyAsDouble(byStrategy.get(1).get())));
    }

    private static Optional<WorkloadResult> find(List<WorkloadResult> results, String strategy, String workload) {
        return results.stream().filter(r -> r.strategy().equals(strategy) && r.workload().equals(workload))
                .findFirst();
    }

    /** A GitHub-flavoured Markdown table; a {@code |} inside a cell is escaped. */
    public static void table(StringBuilder md, List<String> head, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", head)).append(" |\n");
        md.append("|").append("---|".repeat(head.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
    }
}
