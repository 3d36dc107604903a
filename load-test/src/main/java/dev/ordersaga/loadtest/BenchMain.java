package dev.ordersaga.loadtest;

import dev.ordersaga.localstack.LocalStackException;
import java.util.Arrays;

/**
 * Entry point of {@code ./bench.sh}. Exit codes: 0 every invariant held, 1 an invariant failed, 2 a bad command
 * line, 3 the stack could not be started or driven.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), System.getenv());
        } catch (BenchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        try {
            Benchmark.Result result = new Benchmark(options, System.out).run();
            if (!result.invariantsHeld()) {
                System.err.println("\nAn invariant failed: see the summary above and " + result.files().markdown());
                return 1;
            }
            return 0;
        } catch (LocalStackException e) {
            System.err.println("\n" + e.getMessage());
            return 3;
        } catch (Exception e) {
            System.err.println("\nThe benchmark stopped: " + e);
            e.printStackTrace();
            return 3;
        }
    }
}
