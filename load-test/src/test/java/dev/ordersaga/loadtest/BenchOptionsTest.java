package dev.ordersaga.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(options.workloads()).contains("uniform", "hot", "hot-open", "seed-hot", "seed-spread");
        assertThat(options.loadOf("hot")).isEqualTo(Load.closed(64, Duration.ofMillis(50)));
        assertThat(options.loadOf("seed-hot")).isEqualTo(Load.closed(50, Duration.ofMillis(200)));
        assertThat(options.loadOf("hot-open")).isEqualTo(Load.open(300, Duration.ofMillis(50)));
        assertThat(options.ordersOf("sold-out")).isEqualTo(2000);
        assertThat(options.command()).isEqualTo("./bench.sh");
    }

    @Test
    void shouldApplyTheCommandLinesScaleAndLoadToEveryWorkload() {
        BenchOptions options = BenchOptions.parse(List.of("--orders", "300", "--rate", "120",
                "--poll-interval", "20ms"), Map.of());

        assertThat(options.ordersOf("seed-hot")).isEqualTo(300);
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
    }
}
