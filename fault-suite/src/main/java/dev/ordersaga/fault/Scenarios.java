package dev.ordersaga.fault;

import dev.ordersaga.fault.cluster.Cluster;
import dev.ordersaga.fault.cluster.LauncherStack;
import dev.ordersaga.fault.kafka.TopicAccess;
import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every scenario, in the order the suite runs them. */
final class Scenarios {

    static final String EVERYTHING = "everything";
    static final List<String> NAMES = List.of("order-service", "inventory-service", "payment-service",
            "saga-orchestrator", "broker", "postgres", "replay", "poison", EVERYTHING);

    /** The saga topics the services consume, and the dead-letter topic each one's undecodable records go to. */
    static final Map<String, String> DEAD_LETTER_TOPIC_OF = deadLetterTopicOfEachSagaTopic();
    static final List<String> DEAD_LETTER_TOPICS = TopicCatalogue.ALL.stream()
            .filter(contract -> contract.kind() == TopicContract.Kind.DEAD_LETTER).map(TopicContract::topic).toList();

    private Scenarios() {
    }

    /**
     * The scenario {@code name} on the two-instance cluster; empty for {@link #EVERYTHING}, which needs the
     * launcher.
     */
    static Optional<Scenario> onCluster(String name, Cluster cluster, FaultSuiteOptions options, TopicAccess topics) {
        Duration down = options.downtime();
        return Optional.ofNullable(switch (name) {
            case "order-service", "inventory-service", "payment-service", "saga-orchestrator" -> new Scenario(name,
                    "SIGKILL of one of the two " + name + " instances, restarted " + down.toSeconds() + " s later",
                    () -> {
                        cluster.kill(name);
                        sleep(down);
                        cluster.restart(name);
                        return Map.of();
                    });
            case "broker" -> new Scenario(name, "SIGKILL of the Kafka broker, restarted on the same data "
                    + down.toSeconds() + " s later", () -> {
                        cluster.killBroker();
                        sleep(down);
                        cluster.restartBroker();
                        return Map.of();
                    });
            case "postgres" -> new Scenario(name, "SIGKILL of PostgreSQL (postmaster and backends), restarted on"
                    + " the same data " + down.toSeconds() + " s later", () -> {
                        cluster.killPostgres();
                        sleep(down);
                        cluster.restartPostgres();
                        return Map.of();
                    });
            case "replay" -> new Scenario(name, "the last " + options.replayPerPartition() + " records of every"
                    + " partition of every command and event topic produced again (same key, value, headers)", () -> {
                        for (String topic : DEAD_LETTER_TOPIC_OF.keySet()) {
                            topics.replayTail(topic, options.replayPerPartition());
                        }
                        return Map.of();
                    });
            case "poison" -> new Scenario(name, options.poisonPerTopic() + " undecodable records written to each"
                    + " consumed topic", () -> {
                        Map<String, List<String>> expected = new HashMap<>();
                        DEAD_LETTER_TOPIC_OF.forEach((topic, dlt) -> expected.merge(dlt,
                                topics.writePoison(topic, options.poisonPerTopic(), "poison-" + System.nanoTime()),
                                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
                        return expected;
                    });
            case EVERYTHING -> null;
            default -> throw new IllegalArgumentException("No scenario " + name + "; choose from " + NAMES);
        });
    }

    static Scenario everything(LauncherStack launcher, FaultSuiteOptions options) {
        return new Scenario(EVERYTHING, "SIGKILL of `./run-local.sh`'s launcher and everything it started (broker,"
                + " PostgreSQL, the four services) at once; started again on the same data "
                + options.downtime().toSeconds() + " s later", () -> {
                    launcher.killEverything();
                    sleep(options.downtime());
                    launcher.restart();
                    return Map.of();
                });
    }

    private static Map<String, String> deadLetterTopicOfEachSagaTopic() {
        Map<String, String> map = new LinkedHashMap<>();
        TopicCatalogue.SAGA_TOPICS.forEach(contract -> map.put(contract.topic(),
                contract.deadLetterTopic().orElseThrow()));
        return map;
    }

    /** The fault's own timing (how long a part stays down), not a wait for something to happen. */
    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
