package dev.ordersaga.watch;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.MessageJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a raw record into a {@link WatchedRecord}: the value decoded as the message its topic carries (by the
 * {@linkplain dev.ordersaga.messaging.TopicCatalogue topic catalogue}, as the services themselves read it), or,
 * when it cannot be, why not. Bad bytes never make it throw: showing them is the point on a dead-letter topic.
 */
public final class RecordDecoder {

    /**
     * Where the services' dead letters carry the exception that sent them there: spring-kafka's dead-letter
     * publishing (order-service, payment-service), inventory-service's own, and Kafka Streams' dead-letter queue
     * (the saga orchestrator).
     */
    static final List<String> ERROR_HEADERS = List.of("kafka_dlt-exception-message", "kafka_exception-message",
            "__streams.errors.message");

    private final AvroMessageDeserializer<SpecificRecord> deserializer = new AvroMessageDeserializer<>();

    public WatchedRecord decode(ConsumerRecord<String, byte[]> record) {
        Instant timestamp = record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp());
        byte[] bytes = record.value();
        String recordedError = recordedError(record.headers());
        SpecificRecord message;
        try {
            message = deserializer.deserialize(record.topic(), bytes);
        } catch (RuntimeException e) {
            return new WatchedRecord(record.topic(), record.partition(), record.offset(), timestamp, record.key(),
                    null, null, recordedError != null ? recordedError : Failures.describe(e), size(bytes));
        }
        return new WatchedRecord(record.topic(), record.partition(), record.offset(), timestamp, record.key(),
                message == null ? null : message.getSchema().getName(),
                message == null ? null : MessageJson.toTree(message), recordedError, size(bytes));
    }

    private static String recordedError(Headers headers) {
        for (String name : ERROR_HEADERS) {
            Header header = headers.lastHeader(name);
            if (header != null && header.value() != null && header.value().length > 0) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int size(byte[] bytes) {
        return bytes == null ? -1 : bytes.length;
    }
}
