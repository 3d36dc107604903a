package dev.ordersaga.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The in-process broker as a process of its own ({@code InProcessKafkaBrokerMain <dataDir> <port>}), so it can be
 * killed outright and started again on the same data, as the fault suite does. Runs until it is stopped (SIGTERM
 * shuts the broker down cleanly; SIGKILL is a crash).
 */
public final class InProcessKafkaBrokerMain {

    /** Printed once the broker answers; whoever started the process can wait for it. */
    public static final String READY = "Kafka broker process ready";

    private InProcessKafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("Usage: InProcessKafkaBrokerMain <dataDir> <port>");
            System.exit(2);
        }
        InProcessKafkaBroker broker = InProcessKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        System.out.println(READY + " on " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }
}
