package dev.ordersaga.watch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@code ./watch.sh}: order-saga's records as JSON lines, live from the topics or one order's whole conversation
 * ({@link WatchOptions#USAGE}). Exit status: 0 done, 1 nothing found or Kafka unreachable, 2 a wrong command line.
 */
public final class WatchMain {

    /** How long to wait for the broker before saying it cannot be reached. */
    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);

    private WatchMain() {
    }

    public static void main(String[] args) {
        // Before anything logs: the tool's own logging configuration, not a library user's.
        System.setProperty("logback.configurationFile", "saga-watch-logback.xml");
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Runs the command, printing to {@code out} and {@code err} rather than the process's; returns its exit status.
     * Following topics returns only when the thread is interrupted.
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        WatchOptions options;
        try {
            options = WatchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("watch: " + e.getMessage() + ". See ./watch.sh --help");
            return 2;
        }
        if (options.help()) {
            out.print(WatchOptions.USAGE);
            return 0;
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        try {
            return options.orderId().isPresent() ? printConversation(options.orderId().get(), config, options, out,
                    err) : follow(config, options, out, err);
        } catch (TimeoutException e) {
            err.println("watch: Kafka at " + options.bootstrapServers() + " did not answer within "
                    + BROKER_TIMEOUT.toSeconds() + " s. Is order-saga running (./run-local.sh, or docker compose"
                    + " up)? Elsewhere: --bootstrap-servers HOST:PORT");
            return 1;
        } catch (KafkaException e) {
            err.println("watch: Kafka at " + options.bootstrapServers() + ": " + Failures.describe(e));
            return 1;
        }
    }

    private static int printConversation(String orderId, Map<String, Object> config, WatchOptions options,
            PrintStream out, PrintStream err) {
        List<WatchedRecord> conversation;
        try (Conversations conversations = new Conversations(config)) {
            conversation = conversations.of(orderId);
        }
        if (conversation.isEmpty()) {
            err.println("watch: no record of order " + orderId + " on any saga, retry or dead-letter topic at "
                    + options.bootstrapServers());
            return 1;
        }
        conversation.forEach(record -> out.println(record.toJsonLine()));
        out.flush();
        return 0;
    }

    private static int follow(Map<String, Object> config, WatchOptions options, PrintStream out, PrintStream err) {
        try (TopicWatch watch = options.topics().isEmpty() ? new TopicWatch(config, options.fromBeginning())
                : new TopicWatch(config, options.topics(), options.fromBeginning())) {
            options.topics().stream().filter(topic -> !watch.topics().contains(topic)).forEach(topic -> err.println(
                    "watch: no topic " + topic + " at " + options.bootstrapServers() + " yet; watching it once it"
                            + " exists"));
            err.println("watch: following " + (watch.topics().isEmpty() ? "no topic yet"
                    : String.join(", ", watch.topics())) + " at " + options.bootstrapServers()
                    + (options.fromBeginning() ? " from the beginning" : " from now on") + "; Ctrl-C stops");
            while (!Thread.currentThread().isInterrupted()) {
                List<WatchedRecord> records = watch.poll(POLL);
                records.forEach(record -> out.println(record.toJsonLine()));
                out.flush();
            }
        } catch (InterruptException e) {
            // stopped from within the JVM; Ctrl-C simply ends it
        }
        return 0;
    }
}
