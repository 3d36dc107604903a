package dev.ordersaga.watch;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;

/** Which topics the watch reads, by the topic catalogue, and which of them the broker has. */
final class WatchedTopics {

    /**
     * The topics an order's messages go through: the saga topics, inventory-service's retry topics and the
     * dead-letter topics; not the saga orchestrator's bookkeeping (its heartbeats and its state's changelog).
     */
    static final Predicate<String> ORDER_TRAFFIC = topic -> TopicCatalogue.contractOf(topic)
            .map(TopicContract::kind).filter(kind -> kind != TopicContract.Kind.INTERNAL).isPresent();

    private WatchedTopics() {
    }

    /**
     * The partition count of every topic on the broker that {@code wanted} accepts, by name.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer within {@code
     *         timeout}
     */
    static Map<String, Integer> partitionCounts(Consumer<?, ?> consumer, Predicate<String> wanted, Duration timeout) {
        Map<String, Integer> counts = new TreeMap<>();
        consumer.listTopics(timeout).forEach((topic, partitions) -> {
            if (wanted.test(topic) && !partitions.isEmpty()) {
                counts.put(topic, partitions.stream().mapToInt(PartitionInfo::partition).max().orElseThrow() + 1);
            }
        });
        return counts;
    }
}
