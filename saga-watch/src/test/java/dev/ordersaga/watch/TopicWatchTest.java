package dev.ordersaga.watch;

import static dev.ordersaga.watch.SampleMessages.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicWatchTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        SharedBroker.createTopic(SharedBroker.RETRY_TOPIC);
        kafka = KafkaTestClient.forSharedBroker();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void shouldShowWhatArrivesOnTheSagaRetryAndDeadLetterTopicsFromNowOn() {
        String before = "before-" + UUID.randomUUID();
        kafka.send(Topics.ORDERS, before, SampleMessages.orderPlaced(before));
        String orderId = "watch-" + UUID.randomUUID();

        try (TopicWatch watch = new TopicWatch(SharedBroker.consumerConfig(), false)) {
            assertThat(watch.topics()).containsAll(TopicCatalogue.SAGA_TOPICS.stream().map(TopicContract::topic)
                    .toList()).contains(SharedBroker.RETRY_TOPIC, Topics.SAGA_DLT, Topics.INVENTORY_COMMANDS_DLT)
                    .doesNotContain(Topics.SAGA_CLOCK);
            kafka.send(Topics.ORDER_STATUS, orderId, SampleMessages.awaitingPayment(orderId));
            kafka.sendRaw(Topics.PAYMENT_COMMANDS_DLT, orderId, "not a message".getBytes(StandardCharsets.UTF_8));
            kafka.sendRaw(Topics.SAGA_CLOCK, orderId, bytesOf(SampleMessages.orderPlaced(orderId)));

            List<WatchedRecord> seen = pollUntil(watch, 2);

            assertThat(seen).extracting(WatchedRecord::key).containsOnly(orderId);
            assertThat(seen).extracting(WatchedRecord::topic)
                    .containsExactlyInAnyOrder(Topics.ORDER_STATUS, Topics.PAYMENT_COMMANDS_DLT);
            assertThat(seen).filteredOn(record -> record.topic().equals(Topics.ORDER_STATUS))
                    .extracting(WatchedRecord::type).containsExactly("OrderStatusChanged");
        }
    }

    @Test
    void shouldShowWhatATopicHoldsAlreadyWhenAskedToStartFromTheBeginning() {
        String orderId = "old-" + UUID.randomUUID();
        kafka.send(Topics.INVENTORY_EVENTS, orderId, SampleMessages.inventoryReserved(orderId));

        try (TopicWatch watch = new TopicWatch(SharedBroker.consumerConfig(), List.of(Topics.INVENTORY_EVENTS),
                true)) {
            assertThat(watch.topics()).containsExactly(Topics.INVENTORY_EVENTS);
            List<WatchedRecord> seen = new ArrayList<>();
            await().atMost(ARRIVAL).until(() -> {
                seen.addAll(watch.poll(Duration.ofMillis(200)));
                return seen.stream().anyMatch(record -> orderId.equals(record.key()));
            });
            assertThat(seen).extracting(WatchedRecord::topic).containsOnly(Topics.INVENTORY_EVENTS);
        }
    }

    @Test
    void shouldWatchATopicCreatedAfterItBegan() {
        String topic = "created-later-" + UUID.randomUUID();
        String orderId = "late-" + UUID.randomUUID();

        try (TopicWatch watch = new TopicWatch(SharedBroker.consumerConfig(), List.of(topic), false)) {
            assertThat(watch.topics()).isEmpty();
            SharedBroker.createTopic(topic);
            kafka.send(topic, orderId, SampleMessages.orderPlaced(orderId));

            List<WatchedRecord> seen = pollUntil(watch, 1);

            assertThat(seen).extracting(WatchedRecord::topic, WatchedRecord::type)
                    .containsExactly(tuple(topic, "OrderPlaced"));
            assertThat(watch.topics()).containsExactly(topic);
        }
    }

    /** Polls until {@code count} records came, then a little longer to see that no more come. */
    private static List<WatchedRecord> pollUntil(TopicWatch watch, int count) {
        List<WatchedRecord> seen = new ArrayList<>();
        await().atMost(ARRIVAL).until(() -> {
            seen.addAll(watch.poll(Duration.ofMillis(200)));
            return seen.size() >= count;
        });
        seen.addAll(watch.poll(Duration.ofMillis(500)));
        return seen;
    }
}
