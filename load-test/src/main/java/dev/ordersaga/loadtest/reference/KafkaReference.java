package dev.ordersaga.loadtest.reference;

import dev.ordersaga.loadtest.report.LatencyStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker alone, on topics of its own (deleted afterwards): sequential produce-to-consume round trips of small
 * records, then a bulk produce and consume of ~100-byte records with the producer batching (linger 5 ms,
 * acks=all), as the services' producers do.
 */
public final class KafkaReference {

    private static final int RECORD_BYTES = 100;
    private static final int THROUGHPUT_PARTITIONS = 6;

    private KafkaReference() {
    }

    public static KafkaFigures measure(String bootstrapServers, ReferenceSize size) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis());
        String roundTripTopic = "bench-roundtrip-" + suffix;
        String throughputTopic = "bench-throughput-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(roundTripTopic, 1, (short) 1),
                    new NewTopic(throughputTopic, THROUGHPUT_PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                LatencyStats roundTrip = roundTrips(bootstrapServers, roundTripTopic, size.roundTrips());
                double[] rates = throughput(bootstrapServers, throughputTopic, size.records());
                return new KafkaFigures(size.roundTrips(), roundTrip.p50(), roundTrip.p99(), size.records(), rates[0],
                        rates[1]);
            } finally {
                admin.deleteTopics(List.of(roundTripTopic, throughputTopic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static LatencyStats roundTrips(String bootstrapServers, String topic, int count) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<Double> millis = new ArrayList<>(count);
        try (var producer = producer(bootstrapServers, 0); var consumer = consumer(bootstrapServers)) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            byte[] value = new byte[RECORD_BYTES];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, value));
                awaitRecords(consumer, 1);
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return LatencyStats.of(millis);
    }

    /** Returns {produced per second, consumed per second}. */
    private static double[] throughput(String bootstrapServers, String topic, int records) throws Exception {
        byte[] value = new byte[RECORD_BYTES];
        long start = System.nanoTime();
        try (var producer = producer(bootstrapServers, 5)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(), value));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        try (var consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < THROUGHPUT_PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long consumeStart = System.nanoTime();
            awaitRecords(consumer, records);
            double consumeSeconds = (System.nanoTime() - consumeStart) / 1e9;
            return new double[] {records / produceSeconds, records / consumeSeconds};
        }
    }

    private static void awaitRecords(KafkaConsumer<byte[], byte[]> consumer, int count) throws TimeoutException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (seen < count) {
            for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
                seen++;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Only " + seen + " of " + count + " records came back within 60 s");
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
