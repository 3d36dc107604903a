package dev.ordersaga.fault.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the suite does on the topics, as any Kafka client could: note where they end, read what was added since,
 * produce the tail of a topic again, and write records nobody can decode. Reads committed records only, as the
 * services do.
 */
public final class TopicAccess implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;

    public TopicAccess(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Where each partition of the topics ends now (committed records). */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        return new HashMap<>(consumer.endOffsets(partitions(topics), TIMEOUT));
    }

    /** The records added to those partitions since {@code from}, up to their end now. */
    public List<ConsumerRecord<byte[], byte[]>> readSince(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> to = consumer.endOffsets(from.keySet(), TIMEOUT);
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (from.keySet().stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + from.keySet() + " to " + to + " in " + TIMEOUT);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            });
        }
        return records;
    }

    /**
     * Produces the last {@code perPartition} records of every partition of {@code topic} again: same partition,
     * key, value and headers, as a producer retrying after a lost acknowledgement or a consumer rewound would
     * present them. Returns how many.
     */
    public int replayTail(String topic, int perPartition) {
        Map<TopicPartition, Long> end = endOffsets(List.of(topic));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(end.keySet(), TIMEOUT);
        Map<TopicPartition, Long> from = new HashMap<>();
        // Transaction markers take offsets too: read a little more and keep the last records.
        end.forEach((p, offset) -> from.put(p, Math.max(begin.get(p), offset - 3L * perPartition)));
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readSince(from)) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
        }
        int replayed = 0;
        for (List<ConsumerRecord<byte[], byte[]>> records : byPartition.values()) {
            for (ConsumerRecord<byte[], byte[]> r : records.subList(Math.max(0, records.size() - perPartition),
                    records.size())) {
                send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value(), r.headers()));
                replayed++;
            }
        }
        return replayed;
    }

    /** Writes {@code count} records whose values no order-saga consumer can decode; returns their keys. */
    public List<String> writePoison(String topic, int count, String keyPrefix) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String key = keyPrefix + "-" + topic + "-" + i;
            send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), poisonValue(key)));
            keys.add(key);
        }
        return keys;
    }

    /** No Avro single-object marker: rejected by every order-saga deserializer. */
    public static byte[] poisonValue(String key) {
        return ("not an order-saga message: " + key).getBytes(StandardCharsets.UTF_8);
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + record.topic(), e.getCause());
        }
    }

    private List<TopicPartition> partitions(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
