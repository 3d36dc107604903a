package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.cpu.CpuMeter;
import dev.ordersaga.loadtest.inventory.Invariants;
import dev.ordersaga.loadtest.reference.KafkaFigures;
import dev.ordersaga.loadtest.reference.PostgresFigures;
import dev.ordersaga.loadtest.reference.ReferenceFigures;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

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
        for (Case c : run.cases()) {
            workload(md, run, c, results);
        }
        warmUps(md, run);
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
                List.of("stack", run.target()),
                List.of("PostgreSQL commits", run.commitDurability()
                        .map(d -> d + " (as `SHOW` answered on the stack's server)").orElse("not known")),
                List.of("repetitions", run.repetitions() + " per strategy, interleaved")));
        md.append("""

                A client places an order (`POST /orders`), then polls `GET /orders/{id}` until the order is \
                *settled*: its reservation is decided, `AWAITING_PAYMENT` or `FAILED`. Short polling asks every poll \
                interval; long polling sends `Prefer: wait=%d` and asks again as soon as an answer brings news or \
                the server held the request (a server that answers at once with nothing new is asked again after a \
                poll interval); both send `If-None-Match` with the last ETag, so an unchanged order may be answered \
                304 without a body. Latency is from just before the POST to the first poll that shows a settled \
                status, so with short polling it includes up to one poll interval of waiting. Orders/s = settled \
                orders / (last settle - first POST). Closed loop: N clients, each places its next order when the \
                previous one settled. Open loop: orders start at a fixed rate whatever happens.

                Every workload is measured once per repetition on each strategy's stack. Each repetition gets a \
                fresh stack per strategy, and the stacks take turns (optimistic, distributed-lock, optimistic, \
                ...), so that a slow spell of the shared machine, or one stack's luck with its JIT, does not land on \
                one strategy only; figures are the median over the repetitions with (min-max) beside it. Each \
                fresh stack first settles unmeasured rounds of 1000 orders (its JVMs compile meanwhile; their rates \
                are below); before each workload its products get their stock and a few hundred warm-up orders \
                run on other products; counters are scraped from inventory-service's `/actuator/prometheus` before \
                and after the measured orders.

                CPU is read from `/proc` before and after the measured orders: `utime + stime` of each service's \
                JVM and of the broker's JVM (every thread), of PostgreSQL's postmaster and every server process \
                under it (with `cutime + cstime`, which hold the time of server processes that ended in between), \
                and of the bench's own JVM, the load generator, which sends every request and reads every answer. \
                Divided by the settled orders, it is what one order costs each part; the server-side total leaves \
                the load generator out. The whole machine's busy time (`/proc/stat`) is beside them: what it adds \
                to the sum of the parts is the rest of the machine (the kernel's own threads, other programs).
                """.formatted(PollMode.WAIT_SECONDS));
    }

    private static void summary(StringBuilder md, RunInfo run, List<WorkloadResult> results) {
        md.append("\n## Summary\n\n");
        md.append("Medians over the repetitions; CPU is the server side's, in ms per settled order.\n\n");
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
        for (String strategy : strategies) {
            head.add(strategy + " CPU ms/order");
        }
        head.add("invariants");
        List<List<String>> rows = new ArrayList<>();
        for (Case c : run.cases()) {
            List<String> row = new ArrayList<>(List.of(c.title()));
            List<Repeated> byStrategy = strategies.stream().map(s -> Repeated.of(results, s, c)).toList();
            ToDoubleFunction<WorkloadResult> cpu = r -> r.cpuPerOrderMillis(CpuMeter.SERVER_TOTAL);
            byStrategy.forEach(r -> row.add(r.median(WorkloadResult::ordersPerSecond, Format::rate)));
            row.addAll(ratioCell(byStrategy, WorkloadResult::ordersPerSecond));
            byStrategy.forEach(r -> row.add(r.median(x -> x.latency().p99(), Format::millis)));
            row.addAll(ratioCell(byStrategy, r -> r.latency().p99()));
            byStrategy.forEach(r -> row.add(r.median(cpu, Format::cpuMillis)));
            row.add(byStrategy.stream().flatMap(r -> r.runs().stream())
                    .allMatch(r -> r.invariants().passed()) ? "PASS" : "**FAIL**");
            rows.add(row);
        }
        table(md, head, rows);
    }

    private static void workload(StringBuilder md, RunInfo run, Case c, List<WorkloadResult> results) {
        List<Repeated> byStrategy = run.strategies().stream().map(s -> Repeated.of(results, s, c)).toList();
        Optional<WorkloadResult> any = results.stream().filter(c::matches).findFirst();
        if (any.isEmpty()) {
            return;
        }
        WorkloadResult first = any.get();
        md.append("\n## ").append(c.title()).append("\n\n");
        md.append(first.description()).append("; ").append(first.outcomes().size()).append(" orders, ")
                .append(first.load()).append(c.poll() == PollMode.LONG ? ", long polling" : "").append(". ")
                .append(repetitionsNote(byStrategy)).append("\n\n");
        List<String> head = new ArrayList<>(List.of(""));
        head.addAll(run.strategies());
        head.addAll(ratioHeader(run.strategies(), ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("orders/s settled", byStrategy, WorkloadResult::ordersPerSecond, Format::rate, true));
        rows.add(row("p50 ms", byStrategy, r -> r.latency().p50(), Format::millis, true));
        rows.add(row("p95 ms", byStrategy, r -> r.latency().p95(), Format::millis, true));
        rows.add(row("p99 ms", byStrategy, r -> r.latency().p99(), Format::millis, true));
        rows.add(row("max ms", byStrategy, r -> r.latency().max(), Format::millis, true));
        TreeSet<String> statuses = new TreeSet<>();
        results.stream().filter(c::matches).forEach(r -> statuses.addAll(r.statusCounts().keySet()));
        for (String status : statuses) {
            rows.add(row("`" + status + "`", byStrategy,
                    r -> r.statusCounts().getOrDefault(status, 0L), Format::count, false));
        }
        rows.add(row("status polls per order", byStrategy, WorkloadResult::pollsPerOrder, Format::rate, false));
        rows.add(row("polls answered 304", byStrategy, WorkloadResult::notModifiedShare, Format::percent, false));
        rows.add(row("conflicts", byStrategy, r -> r.metrics().conflicts(), Format::count, false));
        rows.add(row("immediate retries", byStrategy, r -> r.metrics().immediateRetries(), Format::count, false));
        rows.add(row("retry-topic retries", byStrategy, r -> r.metrics().retries(), Format::count, false));
        rows.add(row("retries exhausted", byStrategy, r -> r.metrics().retriesExhausted(), Format::count, false));
        rows.add(row("lock waits", byStrategy, r -> r.metrics().lockWaits(), Format::count, false));
        rows.add(row("lock wait mean ms", byStrategy, r -> r.metrics().meanLockWaitMillis(), Format::millis,
                false));
        rows.add(row("lock wait max ms (recent)", byStrategy, r -> r.metrics().lockWaitMaxSeconds() * 1000,
                Format::millis, false));
        List<String> verdicts = new ArrayList<>(List.of("invariants"));
        byStrategy.forEach(r -> verdicts.add(r.runs().isEmpty() ? "-"
                : r.runs().stream().allMatch(x -> x.invariants().passed()) ? "PASS" : "**FAIL**"));
        if (byStrategy.size() == 2) {
            verdicts.add("");
        }
        rows.add(verdicts);
        table(md, head, rows);
        cpu(md, run, c, byStrategy, head);
        for (Repeated repeated : byStrategy) {
            repeated.runs().stream().filter(r -> !r.invariants().passed()).forEach(r -> {
                md.append("\nInvariants broken by `").append(r.strategy()).append("` (repetition ")
                        .append(r.repetition()).append("):\n\n");
                for (Invariants.Check check : r.invariants().checks()) {
                    md.append("- ").append(check.passed() ? "pass" : "**FAIL**").append(" ").append(check.name())
                            .append(": ").append(check.detail()).append('\n');
                }
            });
        }
    }

    private static String repetitionsNote(List<Repeated> byStrategy) {
        int most = byStrategy.stream().mapToInt(r -> r.runs().size()).max().orElse(0);
        return most <= 1 ? "One repetition."
                : most + " repetitions: median (min-max); order counts and statuses are per repetition.";
    }

    /** CPU ms per settled order of every part, in the order the stacks listed them, then the totals. */
    private static void cpu(StringBuilder md, RunInfo run, Case c, List<Repeated> byStrategy, List<String> head) {
        Set<String> parts = new LinkedHashSet<>();
        byStrategy.forEach(r -> r.runs().forEach(x -> parts.addAll(x.cpuMillis().keySet())));
        if (parts.isEmpty()) {
            return;
        }
        md.append("\nCPU ms per settled order, ").append(c.title()).append(":\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (String part : parts) {
            String name = part.equals(CpuMeter.SERVER_TOTAL) ? "**" + part + "**" : part;
            rows.add(row(name, byStrategy, r -> r.cpuPerOrderMillis(part), Format::cpuMillis, true));
        }
        List<String> cpuHead = new ArrayList<>(head);
        cpuHead.set(0, "process");
        table(md, cpuHead, rows);
    }

    /** Warm-up rounds per fresh stack: the first thousand orders' rate against the steady (last round's) one. */
    private static void warmUps(StringBuilder md, RunInfo run) {
        List<StackWarmUp> stacks = run.warmUps().stream().filter(w -> !w.roundRates().isEmpty()).toList();
        if (stacks.isEmpty()) {
            return;
        }
        md.append("\n## Fresh stack: the first orders\n\n");
        md.append("Each fresh stack's unmeasured rounds of 1000 orders (50 products, closed loop, 64 clients,"
                + " short polling every 50 ms), in orders/s. A new stack's first 1000 orders must settle at no less"
                + " than half the steady rate, taken as the last round's.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (StackWarmUp w : stacks) {
            rows.add(List.of(w.strategy(), String.valueOf(w.repetition()),
                    w.roundRates().stream().map(Format::rate).collect(Collectors.joining(", ")),
                    Format.rate(w.first()), Format.rate(w.steady()),
                    Double.isNaN(w.firstToSteady()) ? "-" : Format.ratio(w.first(), w.steady())));
        }
        table(md, List.of("strategy", "repetition", "rounds, orders/s", "first 1000", "steady (last round)",
                "first / steady"), rows);
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
                latency to the final status. Compare with `legacy-hot` and `legacy-spread` above, keeping in mind \
                the different machines.

                """);
        List<List<String>> rows = LegacyFigures.ROWS.stream().map(r -> List.of(r.design(), "`" + r.workload() + "`",
                Format.rate(r.ordersPerSecond()), String.format(Locale.ROOT, "%.1f s", r.p99Seconds()),
                r.notes())).toList();
        table(md, List.of("design", "workload", "orders/s", "p99", "notes"), rows);
    }

    /**
     * A row of one figure per strategy, as median (min-max) over the repetitions; with two strategies and
     * {@code ratio}, the ratio of their medians.
     */
    private static List<String> row(String name, List<Repeated> byStrategy, ToDoubleFunction<WorkloadResult> value,
                                    DoubleFunction<String> number, boolean ratio) {
        List<String> row = new ArrayList<>(List.of(name));
        byStrategy.forEach(r -> row.add(r.spread(value).format(number)));
        if (byStrategy.size() == 2) {
            row.add(ratio ? ratioCell(byStrategy, value).get(0) : "");
        }
        return row;
    }

    /** With two strategies, a column "a / b"; none otherwise. */
    private static List<String> ratioHeader(List<String> strategies, String of) {
        return strategies.size() == 2
                ? List.of((of.isEmpty() ? "" : of + " ") + strategies.get(0) + " / " + strategies.get(1))
                : List.of();
    }

    /** With two strategies, the ratio of their medians; none otherwise. */
    private static List<String> ratioCell(List<Repeated> byStrategy, ToDoubleFunction<WorkloadResult> value) {
        if (byStrategy.size() != 2) {
            return List.of();
        }
        double a = byStrategy.get(0).spread(value).median();
        double b = byStrategy.get(1).spread(value).median();
        return List.of(Double.isNaN(a) || Double.isNaN(b) ? "-" : Format.ratio(a, b));
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
