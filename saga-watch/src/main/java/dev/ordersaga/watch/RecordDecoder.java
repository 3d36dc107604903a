package dev.ordersaga.watch;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.MessageJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
     * Where the services' dead letters carry the exception that sent them there, as its message and its stack
     * trace: spring-kafka's dead-letter publishing (order-service, payment-service), inventory-service's own, and
     * Kafka Streams' dead-letter queue (the saga orchestrator).
     */
    private static final List<ErrorHeaders> ERROR_HEADERS = List.of(
            new ErrorHeaders("kafka_dlt-exception-message", "kafka_dlt-exception-stacktrace"),
            new ErrorHeaders("kafka_exception-message", "kafka_exception-stacktrace"),
            new ErrorHeaders("__streams.errors.message", "__streams.errors.stacktrace"));
    private static final Pattern CAUSE = Pattern.compile("^Caused by: ([^:\\s]+)(?:: (.*))?$", Pattern.MULTILINE);

    private record ErrorHeaders(String message, String stackTrace) {
    }

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

    /**
     * The exception a dead letter carries, with its causes from the stack trace: spring-kafka's message alone is
     * "failed to deserialize", its cause says why.
     */
    private static String recordedError(Headers headers) {
        for (ErrorHeaders names : ERROR_HEADERS) {
            String message = text(headers, names.message());
            if (message != null) {
                StringBuilder error = new StringBuilder(message);
                String stackTrace = text(headers, names.stackTrace());
                if (stackTrace != null) {
                    Matcher cause = CAUSE.matcher(stackTrace);
                    while (cause.find()) {
                        error.append(": ").append(cause.group(2) != null ? cause.group(2) : cause.group(1));
                    }
                }
                return error.toString();
            }
        }
        return null;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length == 0 ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int size(byte[] bytes) {
        return bytes == null ? -1 : bytes.length;
    }
}
