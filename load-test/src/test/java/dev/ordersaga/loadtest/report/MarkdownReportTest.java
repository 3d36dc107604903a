package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.inventory.InventoryMetrics;
import dev.ordersaga.loadtest.inventory.Invariants;
import dev.ordersaga.loadtest.reference.ReferenceFigures;
import dev.ordersaga.loadtest.workload.OrderLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final RunInfo RUN = new RunInfo(new MachineInfo(2, 8L << 30, "Test CPU", "Linux", "17"),
            "./bench.sh --orders 10", Instant.parse("2025-01-02T03:04:05Z"), "a test stack",
            List.of("optimistic", "distributed-lock"), List.of("hot"));

    @Test
    void shouldPutBothStrategiesSideBySideWithTheirRatio() {
        String md = MarkdownReport.render(RUN, List.of(result("optimistic", 100, 10), result("distributed-lock", 25,
                40)), ReferenceFigures.none(), Optional.empty());

        // 100 orders settled in 1 s against 4 s; p99 10 ms against 40 ms.
        assertThat(md).contains("| `hot` | 100 | 25.0 | 4.00x | 10.0 | 40.0 | 0.25x | PASS |");
        assertThat(md).contains("| orders/s settled | 100 | 25.0 | 4.00x |");
        assertThat(md).contains("| `AWAITING_PAYMENT` | 100 | 100 |  |");
        assertThat(md).contains("`./bench.sh --orders 10`", "2 cores (Test CPU), 8.0 GiB memory");
    }

    @Test
    void shouldLabelTheLegacyFiguresAsMeasuredSeparately() {
        String md = MarkdownReport.render(RUN, List.of(), ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("measured separately, on its own machine")
                .contains("| distributed lock (Redis) | `seed-hot` | 11.5 | 9.1 s |")
                .contains("| optimistic | `seed-spread` | 10.9 | 16.3 s | one order stuck pending |");
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
        WorkloadResult broken = new WorkloadResult("optimistic", "hot", "d", "l", outcomes(1, 1_000_000),
                new InventoryMetrics(0, 0, 0, 0, 0, 0, 0), new Invariants(List.of(
                        new Invariants.Check("no oversell", false, "1 products, e.g. p available -1"))));

        String md = MarkdownReport.render(RUN, List.of(broken), ReferenceFigures.none(), Optional.empty());

        assertThat(md).contains("**FAIL**").contains("- **FAIL** no oversell: 1 products, e.g. p available -1");
    }

    /** {@code orders} orders started together, each settled {@code millis} later; the last at 1 s x 100/rate. */
    private static WorkloadResult result(String strategy, double ordersPerSecond, long p99Millis) {
        List<OrderOutcome> outcomes = new ArrayList<>(outcomes(99, p99Millis * 1_000_000));
        long last = (long) (100 / ordersPerSecond * 1e9);
        outcomes.add(new OrderOutcome("o-last", last - p99Millis * 1_000_000, last, OrderOutcome.AWAITING_PAYMENT,
                null, List.of(new OrderLine("p", 1))));
        return new WorkloadResult(strategy, "hot", "hot products", "closed loop, 8 clients, poll 50 ms", outcomes,
                new InventoryMetrics(3, 1, 2, 0, 0, 0, 0), new Invariants(List.of(
                        new Invariants.Check("no oversell", true, ""))));
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
