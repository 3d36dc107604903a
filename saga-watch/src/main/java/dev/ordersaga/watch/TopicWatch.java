package dev.ordersaga.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A live tail of order-saga topics: every partition of the chosen topics, from their end (or their beginning), each
 * record decoded by {@link RecordDecoder}.
 *
 * <p>It reads in no consumer group: partitions are assigned, not subscribed, so it commits no offsets, leaves no
 * lag behind and never disturbs the services' groups, and any number of watches may run at once. Committed
 * records only. Every few seconds it looks for topics (or partitions) created since it started, e.g. a retry topic
 * or a stack started after the watch, and reads them from their beginning. Not thread-safe, like the consumer.
 */
public final class TopicWatch implements AutoCloseable {

    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
    /** Short: a refresh must not hold up the records of the topics already watched. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Predicate<String> wanted;
    private final RecordDecoder decoder = new RecordDecoder();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long nextRefresh;

    /**
     * Watches the topics an order's messages go through: the saga topics, inventory-service's retry topics and the
     * dead-letter topics.
     *
     * @param consumerConfig see {@link Conversations#Conversations(Map)}
     * @param fromBeginning  whether to show what the topics hold already, or only what comes from now on
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer within the config's
     *         {@code default.api.timeout.ms}
     */
    public TopicWatch(Map<String, Object> consumerConfig, boolean fromBeginning) {
        this(consumerConfig, WatchedTopics.ORDER_TRAFFIC, fromBeginning);
    }

    /**
     * Watches {@code topics}, any of them, also ones not created yet.
     *
     * @see #TopicWatch(Map, boolean)
     */
    public TopicWatch(Map<String, Object> consumerConfig, Collection<String> topics, boolean fromBeginning) {
        this(consumerConfig, Set.copyOf(topics)::contains, fromBeginning);
    }

    private TopicWatch(Map<String, Object> consumerConfig, Predicate<String> wanted, boolean fromBeginning) {
        this.consumer = WatchConsumers.create(consumerConfig);
        this.wanted = wanted;
        try {
            List<TopicPartition> existing = newPartitions(WatchConsumers.apiTimeout(consumerConfig));
            assign(existing);
            if (fromBeginning) {
                consumer.seekToBeginning(existing);
            } else {
                consumer.seekToEnd(existing);
            }
            // Looks the positions up now: "from the end" means from when the watch was made, not its first poll.
            existing.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        nextRefresh = System.nanoTime() + REFRESH_INTERVAL.toNanos();
    }

    /** The topics watched now: those of the chosen ones that exist. */
    public List<String> topics() {
        return assigned.stream().map(TopicPartition::topic).distinct().sorted().toList();
    }

    /** What arrived since the last poll, waiting up to {@code timeout} for something to arrive. */
    public List<WatchedRecord> poll(Duration timeout) {
        if (System.nanoTime() - nextRefresh > 0) {
            takeNewPartitions();
            nextRefresh = System.nanoTime() + REFRESH_INTERVAL.toNanos();
        }
        if (assigned.isEmpty()) {
            idle(timeout); // none of the topics exists yet: nothing can arrive before the next refresh
            return List.of();
        }
        List<WatchedRecord> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            records.add(decoder.decode(record));
        }
        return records;
    }

    private static void idle(Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    private void takeNewPartitions() {
        try {
            List<TopicPartition> created = newPartitions(REFRESH_TIMEOUT);
            if (!created.isEmpty()) {
                assign(created);
                // Created since the watch began: everything in them is new.
                consumer.seekToBeginning(created);
            }
        } catch (KafkaException e) {
            // The broker is away for now; the consumer reconnects by itself, and the next refresh tries again.
        }
    }

    private List<TopicPartition> newPartitions(Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        WatchedTopics.partitionCounts(consumer, wanted, timeout).forEach((topic, count) -> {
            for (int partition = 0; partition < count; partition++) {
                TopicPartition topicPartition = new TopicPartition(topic, partition);
                if (!assigned.contains(topicPartition)) {
                    partitions.add(topicPartition);
                }
            }
        });
        return partitions;
    }

    private void assign(List<TopicPartition> more) {
        assigned.addAll(more);
        consumer.assign(assigned);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
