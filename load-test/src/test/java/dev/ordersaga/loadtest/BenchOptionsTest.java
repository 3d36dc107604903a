package dev.ordersaga.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.workload.Load;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldCompareBothStrategiesOnEveryWorkloadWithTheirOwnLoadsByDefault() {
        BenchOptions options = BenchOptions.parse(List.of(), Map.of());

        assertThat(options.strategies()).containsExactly("optimistic", "distributed-lock");
        assertThat(options.workloads()).contains("uniform", "hot", "hot-open", "legacy-hot", "legacy-spread");
        assertThat(options.loadOf("hot")).isEqualTo(Load.closed(64, Duration.ofMillis(50)));
        assertThat(options.loadOf("legacy-hot")).isEqualTo(Load.closed(50, Duration.ofMillis(200)));
        assertThat(options.loadOf("hot-open")).isEqualTo(Load.open(300, Duration.ofMillis(50)));
        assertThat(options.ordersOf("sold-out")).isEqualTo(2000);
        assertThat(options.repetitions()).isEqualTo(3);
        assertThat(options.pollModes()).containsExactly(PollMode.SHORT);
        assertThat(options.command()).isEqualTo("./bench.sh");
    }

    @Test
    void shouldMeasureLongPollingBesideShortPollingWhenAskedFor() {
        BenchOptions options = BenchOptions.parse(List.of("--poll", "long", "--repetitions", "2"), Map.of());

        assertThat(options.pollModes()).containsExactly(PollMode.SHORT, PollMode.LONG);
        assertThat(options.repetitions()).isEqualTo(2);
    }

    @Test
    void shouldNameEveryWorkloadAndThePollingModesInItsHelp() {
        assertThat(BenchOptions.USAGE).contains("hot-open-600", "legacy-hot", "legacy-spread", "--repetitions",
                "--poll short|long", "Prefer: wait=10", "If-None-Match").doesNotContain("seed-");
    }

    @Test
    void shouldApplyTheCommandLinesScaleAndLoadToEveryWorkload() {
        BenchOptions options = BenchOptions.parse(List.of("--orders", "300", "--rate", "120",
                "--poll-interval", "20ms"), Map.of());

        assertThat(options.ordersOf("legacy-hot")).isEqualTo(300);
        assertThat(options.loadOf("hot")).isEqualTo(Load.open(120, Duration.ofMillis(20)));
        assertThat(options.command()).isEqualTo("./bench.sh --orders 300 --rate 120 --poll-interval 20ms");
    }

    @Test
    void shouldDriveARunningStackAsOneLabelledStrategy() {
        BenchOptions options = BenchOptions.parse(List.of("--order-url", "http://localhost:8080/",
                "--inventory-url", "http://localhost:8081", "--label", "tuned"), Map.of());

        assertThat(options.strategies()).containsExactly("tuned");
        assertThat(options.existing()).hasValueSatisfying(e -> assertThat(e.orderUrl())
                .isEqualTo("http://localhost:8080"));
    }

    @Test
    void shouldRefuseWhatItCannotRun() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--clients", "4", "--rate", "10"), Map.of()))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--strategies", "pessimistic"), Map.of()))
                .hasMessageContaining("optimistic, distributed-lock");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--order-url", "http://x"), Map.of()))
                .hasMessageContaining("--inventory-url");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--poll-interval", "soon"), Map.of()))
                .hasMessageContaining("50ms");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--poll", "sometimes"), Map.of()))
                .hasMessageContaining("short or long");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repetitions", "0"), Map.of()))
                .hasMessageContaining("at least 1");
    }
}
