package dev.ordersaga.loadtest.workload;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few products get most of the orders, as on
 * a real shop's best sellers. The cumulative distribution is computed once; a draw is a binary search.
 */
public final class ZipfSampler {

    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("Zipf needs at least one rank, not " + n);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** The probability of {@code rank}, for tests and for sizing stock. */
    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    public int sample(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        // Not found: binarySearch returns -(insertion point) - 1, the first rank whose cumulative exceeds the draw.
        return index >= 0 ? index : -index - 1;
    }
}
