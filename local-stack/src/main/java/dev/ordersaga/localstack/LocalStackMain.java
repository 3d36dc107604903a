package dev.ordersaga.localstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code ./run-local.sh} ({@code [--clean]}) and {@code ./place-order.sh}
 * ({@code place-order ...}).
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("place-order")) {
            System.exit(PlaceOrderCommand.run(arguments.subList(1, arguments.size())));
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = new LocalStack(LocalStackSettings.from(System.getenv(), arguments));
        } catch (LocalStackException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C (or SIGTERM) stops everything that started, whatever phase start-up is in.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping order-saga...");
            stack.close();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (LocalStackException e) {
            System.err.println("\n" + e.getMessage());
            System.exit(1);
        }
        System.out.println(stack.summary(Duration.ofNanos(System.nanoTime() - started)));
        Optional<String> failure = stack.awaitUnexpectedExit();
        if (failure.isPresent()) {
            System.err.println(failure.get());
            System.exit(1);
        }
    }
}
