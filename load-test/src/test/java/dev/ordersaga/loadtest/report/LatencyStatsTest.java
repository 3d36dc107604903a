package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void shouldTakePercentilesByNearestRank() {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i);
        }
        Collections.shuffle(millis);

        LatencyStats stats = LatencyStats.of(millis);

        assertThat(stats).isEqualTo(new LatencyStats(100, 50, 95, 99, 100));
    }

    @Test
    void shouldReportTheOnlySampleAsEveryPercentile() {
        assertThat(LatencyStats.of(List.of(7.5))).isEqualTo(new LatencyStats(1, 7.5, 7.5, 7.5, 7.5));
    }

    @Test
    void shouldReportZeroesWhenNothingSettled() {
        assertThat(LatencyStats.of(List.of())).isEqualTo(new LatencyStats(0, 0, 0, 0, 0));
    }

    @Test
    void shouldRoundTheRankUpSoThatP99OfTenSamplesIsTheMaximum() {
        LatencyStats stats = LatencyStats.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));

        assertThat(stats.p50()).isEqualTo(5);
        assertThat(stats.p99()).isEqualTo(10);
    }
}
