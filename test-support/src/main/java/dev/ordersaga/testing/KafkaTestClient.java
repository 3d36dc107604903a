package dev.ordersaga.testing;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces and reads records the way an outside client would, for assertions on what services publish. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroMessageSerializer<SpecificRecord> serializer = new AvroMessageSerializer<>();

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public static KafkaTestClient forSharedBroker() {
        return new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
    }

    /** Sends an order-saga message and waits for the broker's acknowledgement. */
    public void send(String topic, String key, SpecificRecord message) {
        sendRaw(topic, key, serializer.serialize(topic, message));
    }

    /** Sends any bytes, e.g. a record no service can decode. */
    public void sendRaw(String topic, String key, byte[] value) {
        sendRaw(new ProducerRecord<>(topic, null, key, value, new RecordHeaders()));
    }

    /** Sends a record made to measure: its own timestamp, headers (a dead letter's, say), partition. */
    public void sendRaw(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send to " + record.topic(), e.getCause());
        }
    }

    /** A reader positioned at the end of {@code topics} now: it sees only what is published from here on. */
    public TopicReader readFromNow(String... topics) {
        return new TopicReader(bootstrapServers, List.of(topics), "latest");
    }

    /** A reader that sees everything the topics hold. */
    public TopicReader readFromBeginning(String... topics) {
        return new TopicReader(bootstrapServers, List.of(topics), "earliest");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Reads committed records; decodes values as order-saga messages where asked. */
    public static final class TopicReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroMessageDeserializer<SpecificRecord> deserializer = new AvroMessageDeserializer<>();
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        TopicReader(String bootstrapServers, List<String> topics, String reset) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(topics);
            // Join the group and fix the start position before the test acts.
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            consumer.assignment().forEach(consumer::position);
        }

        /** Waits until a record matching {@code match} arrives and returns it; fails after {@code timeout}. */
        public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int checked = 0;
            while (true) {
                for (; checked < seen.size(); checked++) {
                    if (match.test(seen.get(checked))) {
                        return seen.get(checked);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No matching record within " + timeout + "; saw " + seen.size());
                }
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
        }

        /** Waits for a message of {@code type} with key {@code key}. */
        public <T extends SpecificRecord> T awaitMessage(Class<T> type, String key, Duration timeout) {
            ConsumerRecord<String, byte[]> record = await(r -> key.equals(r.key()) && type.isInstance(decode(r)),
                    timeout);
            return type.cast(decode(record));
        }

        /** Everything read so far plus what arrives during {@code quietPeriod}. */
        public List<ConsumerRecord<String, byte[]>> drain(Duration quietPeriod) {
            long deadline = System.nanoTime() + quietPeriod.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        public SpecificRecord decode(ConsumerRecord<String, byte[]> record) {
            try {
                return deserializer.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
