package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.PlannedOrder;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code OrderPlaced} straight to the {@code orders} topic ({@code --via-kafka}), as another system
 * integrating over Kafka would: the order skips order-service's REST API and outbox on the way in, and the client
 * polls order-service for it as usual (404 until the order-service has heard of it).
 */
public final class KafkaOrderPlacer implements OrderPlacer {

    private final KafkaProducer<String, OrderPlaced> producer;

    public KafkaOrderPlacer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new AvroMessageSerializer<>());
    }

    @Override
    public CompletableFuture<String> place(PlannedOrder order, String customerId) {
        String orderId = UUID.randomUUID().toString();
        OrderPlaced event = OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setLines(order.lines().stream()
                        .map(line -> new OrderLine(line.productId(), line.quantity())).toList())
                .setPlacedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
        CompletableFuture<String> placed = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(Topics.ORDERS, orderId, event), (metadata, error) -> {
            if (error != null) {
                placed.completeExceptionally(error);
            } else {
                placed.complete(orderId);
            }
        });
        return placed;
    }

    @Override
    public void close() {
        producer.close();
    }
}
