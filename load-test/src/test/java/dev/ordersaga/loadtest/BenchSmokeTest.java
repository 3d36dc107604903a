package dev.ordersaga.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.cpu.CpuMeter;
import dev.ordersaga.loadtest.report.WorkloadResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole tool on a tiny scale, against a stack it starts itself: it runs, every invariant holds, and it writes
 * its three files. Speed is not asserted: CI machines vary.
 */
class BenchSmokeTest {

    @TempDir
    Path out;

    @Test
    void shouldMeasureATinyRunAndWriteItsReport() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of(
                "--strategies", "optimistic",
                "--workloads", "hot,sold-out",
                "--repetitions", "1",
                "--orders", "40",
                "--clients", "8",
                "--warm-up", "10",
                "--stack-warm-up", "0",
                "--reference", "small",
                "--order-timeout", "30s",
                "--project-root", "..",
                "--out", out.toString()), Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.Result result = new Benchmark(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();

        assertThat(result.results()).extracting(WorkloadResult::workload).containsExactly("hot", "sold-out");
        assertThat(result.results()).allSatisfy(r -> assertThat(r.invariants().verdict())
                .as(r.workload() + ": " + r.invariants().checks()).isEqualTo("PASS"));
        assertThat(result.results().get(1).statusCounts())
                .containsEntry("AWAITING_PAYMENT", 10L)
                .containsEntry("FAILED OUT_OF_STOCK", 30L);
        assertThat(result.invariantsHeld()).isTrue();
        assertThat(result.results().get(0).cpuMillis()).containsKeys("order-service", "inventory-service",
                "saga-orchestrator", "payment-service", "Kafka broker", "PostgreSQL", CpuMeter.SERVER_TOTAL,
                CpuMeter.LOAD_GENERATOR);
        assertThat(result.reference().kafka()).isPresent();
        assertThat(result.reference().postgres()).isPresent();
        assertThat(Files.readString(out.resolve("benchmarks.md")))
                .contains("## `hot`", "## `sold-out`", "PASS", "measured separately", "CPU ms per settled order",
                        "synchronous_commit=on, fsync=on");
        assertThat(Files.readAllLines(out.resolve("benchmarks/latencies.csv"))).hasSize(1 + 80);
        assertThat(Files.size(out.resolve("benchmarks/summary.png"))).isPositive();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("workload", "sold-out");
    }
}
