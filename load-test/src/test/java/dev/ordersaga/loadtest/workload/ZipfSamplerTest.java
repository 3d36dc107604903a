package dev.ordersaga.loadtest.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void shouldGiveRanksProbabilitiesProportionalToOneOverRankToTheExponent() {
        ZipfSampler zipf = new ZipfSampler(100, 1.2);

        double sum = 0;
        for (int rank = 0; rank < 100; rank++) {
            sum += zipf.probability(rank);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(Math.pow(2, 1.2), within(1e-9));
        assertThat(zipf.probability(9) / zipf.probability(99)).isCloseTo(Math.pow(10, 1.2), within(1e-9));
    }

    @Test
    void shouldDrawTheHotRanksAsOftenAsTheirProbabilitySays() {
        ZipfSampler zipf = new ZipfSampler(100, 1.2);
        Random random = new Random(7);
        int[] counts = new int[100];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(random)]++;
        }

        assertThat(counts[0] / (double) draws).isCloseTo(zipf.probability(0), within(0.01));
        assertThat(counts[1] / (double) draws).isCloseTo(zipf.probability(1), within(0.01));
        assertThat(counts[99]).isPositive();
    }

    @Test
    void shouldAlwaysDrawTheOnlyRankOfAOneRankDistribution() {
        ZipfSampler zipf = new ZipfSampler(1, 1.2);

        assertThat(zipf.sample(new Random(1))).isZero();
    }
}
