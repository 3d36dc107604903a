package dev.ordersaga.watch;

import static dev.ordersaga.watch.SampleMessages.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    private static final byte[] GARBAGE = "not a message".getBytes(StandardCharsets.UTF_8);

    private static KafkaTestClient kafka;
    private static Conversations conversations;

    @BeforeAll
    static void connect() {
        SharedBroker.createTopic(SharedBroker.RETRY_TOPIC);
        kafka = KafkaTestClient.forSharedBroker();
        conversations = new Conversations(SharedBroker.consumerConfig());
    }

    @AfterAll
    static void close() {
        conversations.close();
        kafka.close();
    }

    @Test
    void shouldReadExactlyTheOrdersRecordsOfEveryTopicInTheOrderTheyHappened() {
        String orderId = "watch-" + UUID.randomUUID();
        String neighbour = inTheSamePartitionAs(orderId);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // Sent out of order: the conversation is sorted by timestamp, ties as the saga orchestrator makes them.
        send(Topics.ORDER_STATUS, orderId, t0.plusMillis(20), bytesOf(SampleMessages.awaitingPayment(orderId)));
        send(Topics.ORDERS, orderId, t0, bytesOf(SampleMessages.orderPlaced(orderId)));
        send(Topics.ORDERS, neighbour, t0.plusMillis(1), bytesOf(SampleMessages.orderPlaced(neighbour)));
        send(Topics.INVENTORY_COMMANDS, orderId, t0, bytesOf(SampleMessages.reserveInventory(orderId)));
        send(SharedBroker.RETRY_TOPIC, orderId, t0.plusMillis(5), bytesOf(SampleMessages.reserveInventory(orderId)));
        send(Topics.SAGA_CLOCK, orderId, t0.plusMillis(6), GARBAGE);
        send(Topics.INVENTORY_EVENTS, orderId, t0.plusMillis(20), bytesOf(SampleMessages.inventoryReserved(orderId)));
        send(deadLetter(Topics.PAYMENT_COMMANDS_DLT, orderId, t0.plusMillis(30),
                bytesOf(SampleMessages.authorizePayment(orderId)), "kafka_dlt-exception-message",
                "Payment provider unreachable"));
        send(deadLetter(Topics.INVENTORY_COMMANDS_DLT, orderId, t0.plusMillis(40), GARBAGE,
                "kafka_exception-message", "Record on inventory-commands is not Avro"));

        List<WatchedRecord> conversation = conversations.of(orderId);

        assertThat(conversation).extracting(WatchedRecord::topic, WatchedRecord::type, WatchedRecord::error)
                .containsExactly(
                        tuple(Topics.ORDERS, "OrderPlaced", null),
                        tuple(Topics.INVENTORY_COMMANDS, "ReserveInventory", null),
                        tuple(SharedBroker.RETRY_TOPIC, "ReserveInventory", null),
                        tuple(Topics.INVENTORY_EVENTS, "InventoryReserved", null),
                        tuple(Topics.ORDER_STATUS, "OrderStatusChanged", null),
                        tuple(Topics.PAYMENT_COMMANDS_DLT, "AuthorizePayment", "Payment provider unreachable"),
                        tuple(Topics.INVENTORY_COMMANDS_DLT, null, "Record on inventory-commands is not Avro"));
        assertThat(conversation).allSatisfy(record -> assertThat(record.key()).isEqualTo(orderId));
        assertThat(conversation.get(0).timestamp()).isEqualTo(t0);
        assertThat(conversation.get(0).value().get("orderId").asText()).isEqualTo(orderId);
        assertThat(conversations.of(neighbour)).extracting(WatchedRecord::type).containsExactly("OrderPlaced");
        assertThat(conversations.of(neighbour).get(0).partition()).isEqualTo(conversation.get(0).partition());
    }

    @Test
    void shouldFindNothingOfAnOrderThatNeverWas() {
        assertThat(conversations.of("never-" + UUID.randomUUID())).isEmpty();
    }

    private static String inTheSamePartitionAs(String orderId) {
        int partition = partitionOf(orderId);
        for (int i = 0; ; i++) {
            String candidate = orderId + "-neighbour-" + i;
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String orderId) {
        return Conversations.partitionOf(orderId.getBytes(StandardCharsets.UTF_8), Topics.PARTITIONS);
    }

    private static void send(String topic, String key, Instant timestamp, byte[] value) {
        send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value, new RecordHeaders()));
    }

    private static ProducerRecord<String, byte[]> deadLetter(String topic, String key, Instant timestamp,
            byte[] value, String errorHeader, String error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(errorHeader, error.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value, headers);
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        kafka.sendRaw(record);
    }
}
