package dev.ordersaga.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code ./watch.sh}.
 *
 * @param bootstrapServers the broker
 * @param topics           the topics to follow; empty for the default (saga, retry and dead-letter topics)
 * @param fromBeginning    whether to show what the topics hold already
 * @param orderId          the order whose conversation to print, instead of following topics
 * @param help             whether to print the usage and nothing else
 */
record WatchOptions(String bootstrapServers, List<String> topics, boolean fromBeginning, Optional<String> orderId,
                    boolean help) {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    static final String USAGE = """
            Usage: ./watch.sh [--bootstrap-servers HOST:PORT] [--order ID | [--topic T]... [--from-beginning]]

            Shows order-saga's Kafka records decoded, one JSON object per line, on standard output:
              {"time":"...","topic":"...","partition":0,"offset":0,"key":"<order id>","value":{"@type":"...",...}}
            plus "error" (why a value cannot be decoded, or the exception a dead letter carries) and "bytes" (the
            size of a value that cannot be decoded). It joins no consumer group: it never disturbs the services.

              (no option)               follow the saga topics, inventory's retry topics and the dead-letter
                                        topics from now on, until Ctrl-C
              --order ID                print order ID's whole conversation, every topic, in the order it
                                        happened, then exit (1 when there is none)
              --topic T[,T...]          follow these topics instead (repeatable)
              --from-beginning          show what the topics hold already, then follow
              --bootstrap-servers H:P   the broker (default localhost:9092: ./run-local.sh or docker compose)
              --help                    this text

            Examples:
              ./watch.sh --order 0b0e7c4e-5f5b-4d35-9b7a-2d3c1c6b7f10
              ./watch.sh --from-beginning --topic order-status | jq -c '.value | [.orderId, .status]'
            """;

    /** @throws IllegalArgumentException saying what is wrong with {@code args}, for the user */
    static WatchOptions parse(List<String> args) {
        String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        List<String> topics = new ArrayList<>();
        boolean fromBeginning = false;
        String orderId = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--from-beginning" -> {
                    noValue(name, inline);
                    fromBeginning = true;
                }
                case "--bootstrap-servers" -> bootstrapServers = inline != null ? inline : valueAfter(args, i++);
                case "--order" -> orderId = inline != null ? inline : valueAfter(args, i++);
                case "--topic" -> {
                    for (String topic : (inline != null ? inline : valueAfter(args, i++)).split(",")) {
                        if (!topic.isBlank()) {
                            topics.add(topic.strip());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
        }
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers needs HOST:PORT");
        }
        if (orderId != null && orderId.isBlank()) {
            throw new IllegalArgumentException("--order needs an order id");
        }
        if (orderId != null && (!topics.isEmpty() || fromBeginning)) {
            throw new IllegalArgumentException("--order reads every topic of the order from its beginning: it takes"
                    + " no --topic nor --from-beginning");
        }
        return new WatchOptions(bootstrapServers, List.copyOf(topics), fromBeginning, Optional.ofNullable(orderId),
                help);
    }

    private static String valueAfter(List<String> args, int index) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(args.get(index) + " needs a value");
        }
        return args.get(index + 1);
    }

    private static void noValue(String name, String inline) {
        if (inline != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
    }
}
