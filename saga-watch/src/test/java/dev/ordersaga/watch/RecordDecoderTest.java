package dev.ordersaga.watch;

import static dev.ordersaga.watch.SampleMessages.AT;
import static dev.ordersaga.watch.SampleMessages.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messaging.MessageJson;
import dev.ordersaga.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GARBAGE = "not a message".getBytes(StandardCharsets.UTF_8);

    private final RecordDecoder decoder = new RecordDecoder();

    @Test
    void shouldDecodeAMessageIntoItsJsonWithWhereAndWhenItWasWritten() throws Exception {
        byte[] bytes = bytesOf(SampleMessages.orderPlaced("o-1"));

        WatchedRecord watched = decoder.decode(record(Topics.ORDERS, bytes, new RecordHeaders()));

        assertThat(watched).isEqualTo(new WatchedRecord(Topics.ORDERS, 3, 42, AT, "o-1", "OrderPlaced",
                MessageJson.toTree(SampleMessages.orderPlaced("o-1")), null, bytes.length));
        JsonNode line = JSON.readTree(watched.toJsonLine());
        assertThat(fieldNames(line)).containsExactly("time", "topic", "partition", "offset", "key", "value");
        assertThat(line.get("time").asText()).isEqualTo("2026-12-04T10:15:30.123Z");
        assertThat(line.get("topic").asText()).isEqualTo("orders");
        assertThat(line.get("partition").asInt()).isEqualTo(3);
        assertThat(line.get("offset").asLong()).isEqualTo(42);
        assertThat(line.get("key").asText()).isEqualTo("o-1");
        assertThat(line.get("value").get("@type").asText()).isEqualTo("OrderPlaced");
        assertThat(line.get("value").get("lines").get(0).get("productId").asText()).isEqualTo("p-1");
        assertThat(watched.toJsonLine()).doesNotContain("\n");
    }

    @Test
    void shouldShowBytesThatAreNoMessageWithTheirSizeAndWhy() throws Exception {
        WatchedRecord watched = decoder.decode(record(Topics.ORDERS, GARBAGE, new RecordHeaders()));

        assertThat(watched.type()).isNull();
        assertThat(watched.value()).isNull();
        assertThat(watched.undecodable()).isTrue();
        assertThat(watched.error()).contains("not an Avro single-object encoded order-saga message");
        JsonNode line = JSON.readTree(watched.toJsonLine());
        assertThat(line.get("value").isNull()).isTrue();
        assertThat(line.get("bytes").asInt()).isEqualTo(GARBAGE.length);
        assertThat(line.get("error").asText()).isEqualTo(watched.error());
    }

    @Test
    void shouldRefuseAMessageOfATypeItsTopicDoesNotCarry() {
        WatchedRecord watched = decoder.decode(record(Topics.INVENTORY_COMMANDS,
                bytesOf(SampleMessages.awaitingPayment("o-1")), new RecordHeaders()));

        assertThat(watched.type()).isNull();
        assertThat(watched.error()).contains("is a OrderStatusChanged, which does not belong there");
    }

    @Test
    void shouldSayWhatIsWrongInsideAMessageThatIsCutShort() {
        byte[] whole = bytesOf(SampleMessages.orderPlaced("o-1"));

        WatchedRecord watched = decoder.decode(record(Topics.ORDERS, Arrays.copyOf(whole, 14),
                new RecordHeaders()));

        assertThat(watched.type()).isNull();
        assertThat(watched.bytes()).isEqualTo(14);
        // The deserializer's own message names the type; the cause says what went wrong in the bytes.
        assertThat(watched.error()).startsWith("Cannot decode OrderPlaced on orders: ");
    }

    static Stream<Arguments> deadLetters() {
        return Stream.of(
                // spring-kafka's dead-letter publishing (order-service, payment-service)
                Arguments.of("kafka_dlt-exception-message", Topics.PAYMENT_COMMANDS_DLT,
                        SampleMessages.authorizePayment("o-1")),
                // inventory-service's own
                Arguments.of("kafka_exception-message", Topics.INVENTORY_COMMANDS_DLT,
                        SampleMessages.reserveInventory("o-1")),
                // Kafka Streams' dead-letter queue (the saga orchestrator)
                Arguments.of("__streams.errors.message", Topics.SAGA_DLT, SampleMessages.orderPlaced("o-1")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("deadLetters")
    void shouldShowTheExceptionADeadLetterCarriesBesideItsMessage(String header, String topic,
            SpecificRecord message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(header, "Payment provider said no".getBytes(StandardCharsets.UTF_8));

        WatchedRecord watched = decoder.decode(record(topic, bytesOf(message), headers));

        assertThat(watched.type()).isEqualTo(message.getSchema().getName());
        assertThat(watched.value()).isEqualTo(MessageJson.toTree(message));
        assertThat(watched.error()).isEqualTo("Payment provider said no");
    }

    @Test
    void shouldAddTheCausesInADeadLettersStackTraceToItsExceptionMessage() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_dlt-exception-message", utf8("failed to deserialize"));
        headers.add("kafka_dlt-exception-stacktrace", utf8("""
                org.springframework.kafka.support.serializer.DeserializationException: failed to deserialize
                \tat org.springframework.kafka.support.serializer.SerializationUtils.deserializationException(SerializationUtils.java:158)
                Caused by: org.apache.kafka.common.errors.SerializationException: Record on payment-commands is a OrderPlaced, which does not belong there; expected AuthorizePayment or VoidPayment
                \tat dev.ordersaga.messaging.AvroMessageDeserializer.wrongType(AvroMessageDeserializer.java:97)
                \t... 18 more
                """));

        WatchedRecord watched = decoder.decode(record(Topics.PAYMENT_COMMANDS_DLT, GARBAGE, headers));

        assertThat(watched.error()).isEqualTo("failed to deserialize: Record on payment-commands is a OrderPlaced,"
                + " which does not belong there; expected AuthorizePayment or VoidPayment");
    }

    @Test
    void shouldShowTheExceptionOfADeadLetterNobodyCanDecodeRatherThanItsDecodingFailure() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("kafka_exception-message", "Record on inventory-commands is not Avro".getBytes(
                StandardCharsets.UTF_8));

        WatchedRecord watched = decoder.decode(record(Topics.INVENTORY_COMMANDS_DLT, GARBAGE, headers));

        assertThat(watched.type()).isNull();
        assertThat(watched.error()).isEqualTo("Record on inventory-commands is not Avro");
        assertThat(JSON.readTree(watched.toJsonLine()).get("bytes").asInt()).isEqualTo(GARBAGE.length);
    }

    @Test
    void shouldShowADeadLetterWithoutValueAsJustThat() throws Exception {
        WatchedRecord watched = decoder.decode(record(Topics.ORDER_STATUS_DLT, null, new RecordHeaders()));

        assertThat(watched.type()).isNull();
        assertThat(watched.error()).isNull();
        assertThat(watched.undecodable()).isFalse();
        assertThat(fieldNames(JSON.readTree(watched.toJsonLine())))
                .containsExactly("time", "topic", "partition", "offset", "key", "value");
    }

    private static ConsumerRecord<String, byte[]> record(String topic, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 3, 42, AT.toEpochMilli(), TimestampType.CREATE_TIME, 3,
                value == null ? -1 : value.length, "o-1", value, headers, Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
