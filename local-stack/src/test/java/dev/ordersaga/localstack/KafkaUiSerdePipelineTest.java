package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.TestInfrastructure;
import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.RecordHeader;
import io.kafbat.ui.serde.api.Serde.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Kafka UI shows of a real pipeline: every record that paid, cancelled and failed orders and an undecodable
 * record leave on the topics of the catalogue, read as raw bytes like Kafka UI reads them and shown through the
 * serde jar, loaded the way Kafka UI loads it.
 */
class KafkaUiSerdePipelineTest extends PipelineEndToEndTest {

    private static final String GOOD_CARD = "4242424242424242";
    /** Every message an order's conversation holds when it is paid, cancelled or fails for lack of stock. */
    private static final Set<String> CONVERSATION = Set.of("OrderPlaced", "ReserveInventory", "InventoryReserved",
            "InventoryReservationFailed", "OrderStatusChanged", "PaymentSubmitted", "AuthorizePayment",
            "PaymentAuthorized", "CommitInventory", "InventoryCommitted", "CancellationRequested", "ReleaseInventory",
            "InventoryReleased", "OrderSagaState");
    private static final String NOT_A_MESSAGE = "Not an order-saga message: ";

    private record Shown(String topic, String key, DeserializeResult value) {

        String type() {
            return String.valueOf(value.getAdditionalProperties().get("type"));
        }
    }

    @Test
    void shouldShowEveryRecordOfTheOrdersConversationsAsTheJsonOfItsMessage() {
        KafkaUiSerdeJar serde = KafkaUiSerdeJar.load();
        try (KafkaConsumer<byte[], byte[]> consumer = consumerAtTheEndOfEveryCatalogueTopic()) {
            String product = "ui-" + UUID.randomUUID();
            client.putStock(product, 10);
            String paid = awaitingPayment(product, 2);
            assertThat(client.pay(paid, GOOD_CARD).status()).isEqualTo(202);
            String cancelled = awaitingPayment(product, 3);
            assertThat(client.cancel(cancelled).status()).isEqualTo(202);
            String failed = client.placeOrder("c-ui", lines(product, 11));
            String garbage = "garbage-" + UUID.randomUUID();
            kafka.sendRaw(Topics.ORDERS, garbage, "this is not an order".getBytes(StandardCharsets.UTF_8));

            assertThat(client.awaitFinal(paid, SETTLE).path("status").asString()).isEqualTo("PAID");
            assertThat(client.awaitFinal(cancelled, SETTLE).path("status").asString()).isEqualTo("CANCELLED");
            assertThat(client.awaitFinal(failed, SETTLE).path("status").asString()).isEqualTo("FAILED");

            Set<String> orders = Set.of(paid, cancelled, failed);
            List<Shown> shown = new ArrayList<>();
            await().atMost(SETTLE).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (orders.contains(key) || garbage.equals(key) || record.topic().equals(Topics.SAGA_CLOCK)) {
                        shown.add(new Shown(record.topic(), key, serde.deserialize(record.topic(), Target.VALUE,
                                () -> headers(record), record.value())));
                    }
                }
                return typesOf(shown, orders).containsAll(CONVERSATION)
                        && shown.stream().anyMatch(s -> s.topic().equals(Topics.SAGA_DLT) && garbage.equals(s.key()))
                        && shown.stream().anyMatch(s -> s.topic().equals(Topics.SAGA_CLOCK));
            });

            for (Shown record : shown) {
                if (garbage.equals(record.key())) {
                    assertThat(record.value().getType()).isEqualTo(DeserializeResult.Type.STRING);
                    assertThat(record.value().getResult()).as(record.topic()).startsWith(NOT_A_MESSAGE)
                            .contains("no C3 01 header");
                } else {
                    assertShownAsItsMessage(record);
                }
            }
            assertThat(shown).filteredOn(s -> garbage.equals(s.key())).extracting(Shown::topic)
                    .containsExactlyInAnyOrder(Topics.ORDERS, Topics.SAGA_DLT);
            assertThat(shown).filteredOn(s -> s.topic().equals(Topics.SAGA_CLOCK)).extracting(Shown::type)
                    .containsOnly("SagaClockTick");
            assertThat(serde.deserialize(Topics.ORDERS, Target.KEY, List.<RecordHeader>of()::iterator,
                    paid.getBytes(StandardCharsets.UTF_8)).getResult()).isEqualTo(paid);
        }
    }

    /** JSON naming its type first, a type the record's topic carries, and the order's id where it has one. */
    private static void assertShownAsItsMessage(Shown record) {
        DeserializeResult value = record.value();
        assertThat(value.getType()).as("%s on %s", value.getResult(), record.topic())
                .isEqualTo(DeserializeResult.Type.JSON);
        JsonNode json = JsonMapper.shared().readTree(value.getResult());
        assertThat(json.propertyNames().iterator().next()).isEqualTo("@type");
        assertThat(json.path("@type").asString()).isEqualTo(record.type());
        assertThat(TopicCatalogue.contractOf(record.topic()).orElseThrow().valueTypeNames()).as(record.topic())
                .contains(record.type());
        if (!record.topic().equals(Topics.SAGA_CLOCK)) {
            assertThat(json.path("orderId").asString()).isEqualTo(record.key());
        }
    }

    private static Set<String> typesOf(List<Shown> shown, Set<String> orders) {
        return shown.stream().filter(s -> orders.contains(s.key())
                && s.value().getType() == DeserializeResult.Type.JSON).map(Shown::type)
                .collect(Collectors.toSet());
    }

    /** Reads every partition of every topic of the catalogue there is now (retry topics and changelog included). */
    private static KafkaConsumer<byte[], byte[]> consumerAtTheEndOfEveryCatalogueTopic() {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        List<TopicPartition> partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Collection<String> topics = admin.listTopics().names().get().stream()
                    .filter(topic -> TopicCatalogue.contractOf(topic).isPresent()).toList();
            partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list the topics", e);
        }
        assertThat(partitions).extracting(TopicPartition::topic).contains(Topics.ALL.toArray(String[]::new))
                .anyMatch(topic -> topic.endsWith("-order-sagas-changelog"));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static Iterator<RecordHeader> headers(ConsumerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).map(KafkaUiSerdePipelineTest::header)
                .iterator();
    }

    private static RecordHeader header(Header header) {
        return new RecordHeader() {
            @Override
            public String key() {
                return header.key();
            }

            @Override
            public byte[] value() {
                return header.value();
            }
        };
    }

    private static String awaitingPayment(String product, int quantity) {
        String orderId = client.placeOrder("c-ui", lines(product, quantity));
        assertThat(client.awaitSettled(orderId, SETTLE).path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        return orderId;
    }

    private static String lines(String product, int quantity) {
        return "[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]";
    }
}
