package dev.ordersaga.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OutboxRelayTest extends OrderServiceIntegrationTest {

    @Autowired
    private OutboxRepository outbox;

    @Autowired
    private OutboxPublisher publisher;

    @Autowired
    private OutboxRelay relay;

    @Test
    void shouldEmptyOutboxOnceOrderIsPublished() {
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            String orderId = placeOrder("c-30", "p-30", 1);

            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldPublishMessagesNobodyWokeItForWhenItPolls() {
        // A row committed without a wake-up: what a crash between commit and publish leaves behind.
        String orderId = UUID.randomUUID().toString();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));

            assertThat(orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT).getCustomerId()).isEqualTo("c-31");
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldKeepMessagesWhileBrokerIsUnreachableAndPublishThemLater() {
        String orderId = UUID.randomUUID().toString();
        relay.stop();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS);
                Producer<String, byte[]> unreachable = producerForUnreachableBroker()) {
            try {
                outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));

                OutboxPublisher.Batch batch = publisher.publishNextBatch(unreachable);

                assertThat(batch.claimed()).isEqualTo(1);
                assertThat(batch.published()).isZero();
                assertThat(outbox.count()).isEqualTo(1);
            } finally {
                relay.start();
            }
            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    private static byte[] orderPlaced(String orderId) {
        return new AvroMessageSerializer<SpecificRecord>().serialize(Topics.ORDERS, OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("c-31")
                .setLines(List.of(new OrderLine("p-31", 2)))
                .setPlacedAt(Instant.parse("2026-03-01T10:15:30Z"))
                .build());
    }

    private static Producer<String, byte[]> producerForUnreachableBroker() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(1).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
