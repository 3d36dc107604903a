package dev.ordersaga.watch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;

/**
 * One order's whole conversation, read back from Kafka: every record keyed by its id on the saga topics,
 * inventory-service's retry topics and the dead-letter topics, in the order they tell the story.
 *
 * <p>Every topic is keyed by order id with Kafka's default partitioner, and dead letters and retries keep their
 * source's partition, so an order's records are all in one partition of each topic: that partition alone is read.
 * There is no index by key, though: a call reads that whole partition of every such topic, from its first retained
 * record up to its end as the call begins, then on to its end as it is then, i.e. about {@code 1 / partitions} of
 * everything the topics hold (with the default retention, a week of traffic). It decodes only the order's own
 * records. Reading twice to the end catches a transaction the saga committed just before the call, whose records
 * reach the end of one partition a moment later than another's; what is written later is left for the next call,
 * so a call always ends.
 *
 * <p>Reads committed records only, in no consumer group (see {@link TopicWatch}). One call at a time per instance.
 */
public final class Conversations implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;
    private final RecordDecoder decoder = new RecordDecoder();

    /**
     * @param consumerConfig where the broker is ({@code bootstrap.servers}) and any other consumer setting, e.g.
     *                       security; the deserializers, isolation level and (no) group are set here. Its {@code
     *                       default.api.timeout.ms} bounds every wait for the broker.
     */
    public Conversations(Map<String, Object> consumerConfig) {
        this.consumer = WatchConsumers.create(consumerConfig);
        this.timeout = WatchConsumers.apiTimeout(consumerConfig);
    }

    /**
     * Every record of {@code orderId}, sorted by timestamp; at one instant, what the saga orchestrator reads before
     * what it sends (it stamps what it sends with the timestamp of what it reacts to), then in conversation order,
     * then by offset. Empty when the topics hold nothing of that order.
     *
     * @throws TimeoutException when the broker does not answer, or stops answering, for {@code
     *         default.api.timeout.ms}
     */
    public synchronized List<WatchedRecord> of(String orderId) {
        byte[] key = orderId.getBytes(StandardCharsets.UTF_8);
        List<TopicPartition> partitions = new ArrayList<>();
        WatchedTopics.partitionCounts(consumer, WatchedTopics.ORDER_TRAFFIC, timeout).forEach((topic, count) ->
                partitions.add(new TopicPartition(topic, partitionOf(key, count))));
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<WatchedRecord> conversation = new ArrayList<>();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            // Read to the ends, then once more to the ends as they are then: a transaction the saga committed
            // moments ago may reach the ends of some partitions a little later than others.
            for (int round = 0; round < 2; round++) {
                consumer.resume(partitions);
                conversation.addAll(recordsOf(orderId, ends));
                ends = consumer.endOffsets(partitions);
            }
            conversation.sort(ConversationOrder.COMPARATOR);
            return conversation;
        } finally {
            consumer.unsubscribe();
        }
    }

    /** Where Kafka's default partitioner puts records with this key. */
    static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** The records keyed {@code orderId} of the assigned partitions, each read from its position up to its end. */
    private List<WatchedRecord> recordsOf(String orderId, Map<TopicPartition, Long> ends) {
        List<WatchedRecord> found = new ArrayList<>();
        Set<TopicPartition> reading = new HashSet<>(ends.keySet());
        long stalledSince = System.nanoTime();
        while (true) {
            boolean moved = false;
            for (TopicPartition partition : List.copyOf(reading)) {
                // Past the end (transaction markers occupy offsets too) or at it: done with this partition.
                if (consumer.position(partition) >= ends.get(partition)) {
                    reading.remove(partition);
                    consumer.pause(List.of(partition));
                    moved = true;
                }
            }
            if (reading.isEmpty()) {
                return found;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                moved = true;
                if (orderId.equals(record.key())) {
                    found.add(decoder.decode(record));
                }
            }
            if (moved) {
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > timeout.toNanos()) {
                throw new TimeoutException("Reading " + reading + " made no progress for " + timeout.toSeconds()
                        + " s: is the broker still there?");
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
