package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.cpu.CpuMeter;
import dev.ordersaga.loadtest.inventory.InventoryCounterScrape;
import dev.ordersaga.loadtest.inventory.Invariants;
import dev.ordersaga.loadtest.reference.ReferenceFigures;
import dev.ordersaga.loadtest.workload.OrderLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final Case HOT = new Case("hot", PollMode.SHORT);
    private static final Case HOT_LONG = new Case("hot", PollMode.LONG);
    private static final RunInfo RUN = run(List.of(HOT), 1, List.of());

    private static RunInfo run(List<Case> cases, int repetitions, List<StackWarmUp> warmUps) {
        return new RunInfo(new MachineInfo(2, 8L << 30, "Test CPU", "Linux", "17"), "./bench.sh --orders 10",
                Instant.parse("2025-01-02T03:04:05Z"), "a test stack", List.of("optimistic", "distributed-lock"),
                cases, repetitions, Optional.of("synchronous_commit=on, fsync=on"), warmUps);
    }

    @Test
    void shouldPutBothStrategiesSideBySideWithTheirRatio() {
        String md = MarkdownReport.render(RUN, List.of(result("optimistic", 100, 10), result("distributed-lock", 25,
                40)), ReferenceFigures.none(), Optional.empty());

        // 100 orders settled in 1 s against 4 s; p99 10 ms against 40 ms; 2 ms of CPU per order against 8 ms.
        assertThat(md).contains("| `hot` | 100 | 25.0 | 4.00x | 10.0 | 40.0 | 0.25x | 2.00 | 8.00 | PASS |");
        assertThat(md).contains("| orders/s settled | 100 | 25.0 | 4.00x |");
        assertThat(md).contains("| `AWAITING_PAYMENT` | 100 | 100 |  |");
        assertThat(md).contains("`./bench.sh --orders 10`", "2 cores (Test CPU), 8.0 GiB memory");
        assertThat(md).contains("| PostgreSQL commits | synchronous_commit=on, fsync=on");
    }

    @Test
    void shouldGiveEveryProcesssCpuPerOrderWithTheServerTotalApartFromTheLoadGenerator() {
        String md = MarkdownReport.render(RUN, List.of(result("optimistic", 100, 10), result("distributed-lock", 25,
                40)), ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("| process | optimistic | distributed-lock | optimistic / distributed-lock |")
                .contains("| order-service | 0.50 | 2.00 | 0.25x |")
                .contains("| PostgreSQL | 1.50 | 6.00 | 0.25x |")
                .contains("| **server side, total** | 2.00 | 8.00 | 0.25x |")
                .contains("| load generator (bench JVM) | 1.00 | 4.00 | 0.25x |");
    }

    @Test
    void shouldShowTheMedianAndRangeOfTheRepetitions() {
        List<WorkloadResult> results = List.of(result("optimistic", 100, 10, 1), result("optimistic", 50, 30, 2),
                result("optimistic", 80, 20, 3));

        String md = MarkdownReport.render(run(List.of(HOT), 3, List.of()), results, ReferenceFigures.none(),
                Optional.empty());

        assertThat(md).contains("| orders/s settled | 80.0 (50.0-100) | - | - |")
                .contains("| p99 ms | 20.0 (10.0-30.0) | - | - |")
                .contains("3 repetitions: median (min-max)");
    }

    @Test
    void shouldPutLongPollingInASectionOfItsOwnWithItsShareOf304s() {
        WorkloadResult longPolled = new WorkloadResult("optimistic", "hot", PollMode.LONG, 1, "hot products",
                "closed loop", List.of(new OrderOutcome("o", 0, 1_000_000, OrderOutcome.AWAITING_PAYMENT, null,
                List.of(new OrderLine("p", 1)), 4, 1)), new InventoryCounterScrape(0, 0, 0, 0, 0, 0, 0),
                new Invariants(List.of()), Map.of());

        String md = MarkdownReport.render(run(List.of(HOT, HOT_LONG), 1, List.of()), List.of(longPolled),
                ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("## `hot`, long polling").contains("| polls answered 304 | 25% | - |  |");
    }

    @Test
    void shouldCompareEachFreshStacksFirstThousandOrdersWithItsSteadyRate() {
        String md = MarkdownReport.render(run(List.of(HOT), 1, List.of(
                new StackWarmUp("optimistic", 1, List.of(40.0, 80.0, 100.0)))), List.of(), ReferenceFigures.none(),
                Optional.empty());

        assertThat(md).contains("| optimistic | 1 | 40.0, 80.0, 100 | 40.0 | 100 | 0.40x |");
    }

    @Test
    void shouldLabelTheLegacyFiguresAsMeasuredSeparately() {
        String md = MarkdownReport.render(RUN, List.of(), ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("measured separately, on its own machine")
                .contains("| distributed lock (Redis) | `legacy-hot` | 11.5 | 9.1 s |")
                .contains("| optimistic | `legacy-spread` | 10.9 | 16.3 s | one order stuck pending |");
    }

    @Test
    void shouldKeepTheHandWrittenAnalysisBelowTheMarker() {
        String previous = "# old numbers\n\n" + MarkdownReport.ANALYSIS_MARKER + "\n\n## Analysis\n\nThe lead wrote"
                + " this | with a pipe.\n";

        String md = MarkdownReport.render(RUN, List.of(), ReferenceFigures.none(), Optional.of(previous));

        assertThat(md).doesNotContain("old numbers")
                .endsWith(MarkdownReport.ANALYSIS_MARKER + "\n\n## Analysis\n\nThe lead wrote this | with a pipe.\n");
        assertThat(MarkdownReport.render(RUN, List.of(), ReferenceFigures.none(), Optional.of(md))).isEqualTo(md);
    }

    @Test
    void shouldStartAnAnalysisSectionWhenThereIsNoneYet() {
        String md = MarkdownReport.render(RUN, List.of(), ReferenceFigures.none(), Optional.of("no marker here"));

        assertThat(md).contains(MarkdownReport.ANALYSIS_MARKER + "\n\n## Analysis\n");
    }

    @Test
    void shouldListTheBrokenInvariantsOfAFailedRun() {
        WorkloadResult broken = new WorkloadResult("optimistic", "hot", PollMode.SHORT, 1, "d", "l",
                outcomes(1, 1_000_000), new InventoryCounterScrape(0, 0, 0, 0, 0, 0, 0), new Invariants(List.of(
                        new Invariants.Check("no oversell", false, "1 products, e.g. p available -1"))), Map.of());

        String md = MarkdownReport.render(RUN, List.of(broken), ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("**FAIL**").contains("- **FAIL** no oversell: 1 products, e.g. p available -1");
    }

    /**
     * 100 orders started together, each settled {@code millis} later; the last at 1 s x 100/rate. CPU per order at
     * 100 orders/s: order-service 0.5 ms, PostgreSQL 1.5 ms, load generator 1 ms; a slower strategy spends more.
     */
    private static WorkloadResult result(String strategy, double ordersPerSecond, long p99Millis) {
        return result(strategy, ordersPerSecond, p99Millis, 1);
    }

    private static WorkloadResult result(String strategy, double ordersPerSecond, long p99Millis, int repetition) {
        List<OrderOutcome> outcomes = new ArrayList<>(outcomes(99, p99Millis * 1_000_000));
        long last = (long) (100 / ordersPerSecond * 1e9);
        outcomes.add(new OrderOutcome("o-last", last - p99Millis * 1_000_000, last, OrderOutcome.AWAITING_PAYMENT,
                null, List.of(new OrderLine("p", 1))));
        double cpuScale = 100 / ordersPerSecond;
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("order-service", 50 * cpuScale);
        cpu.put("PostgreSQL", 150 * cpuScale);
        cpu.put(CpuMeter.SERVER_TOTAL, 200 * cpuScale);
        cpu.put(CpuMeter.LOAD_GENERATOR, 100 * cpuScale);
        return new WorkloadResult(strategy, "hot", PollMode.SHORT, repetition, "hot products",
                "closed loop, 8 clients, poll 50 ms", outcomes, new InventoryCounterScrape(3, 1, 2, 0, 0, 0, 0),
                new Invariants(List.of(new Invariants.Check("no oversell", true, ""))), cpu);
    }

    private static List<OrderOutcome> outcomes(int count, long latencyNanos) {
        List<OrderOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(new OrderOutcome("o-" + i, 0, latencyNanos, OrderOutcome.AWAITING_PAYMENT, null,
                    List.of(new OrderLine("p", 1))));
        }
        return outcomes;
    }
}
