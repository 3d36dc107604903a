package dev.ordersaga.localstack;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces an {@code OrderPlaced} straight to the {@code orders} topic, as any Kafka client may:
 * {@code ./place-order.sh [--bootstrap-servers localhost:9092] [--customer c-1] [--order-id ID] p-1=2 p-3=1}.
 */
final class PlaceOrderCommand {

    private PlaceOrderCommand() {
    }

    static int run(List<String> args) throws Exception {
        String bootstrap = "localhost:9092";
        String customer = "c-cli";
        String orderId = UUID.randomUUID().toString();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--bootstrap-servers" -> bootstrap = args.get(++i);
                case "--customer" -> customer = args.get(++i);
                case "--order-id" -> orderId = args.get(++i);
                default -> {
                    String[] parts = arg.split("=", 2);
                    if (parts.length != 2 || !parts[1].matches("-?\\d+")) {
                        System.err.println("Not a line: '" + arg + "'. Usage: ./place-order.sh [--bootstrap-servers"
                                + " host:port] [--customer ID] [--order-id ID] PRODUCT=QUANTITY...");
                        return 2;
                    }
                    lines.add(new OrderLine(parts[0], Integer.parseInt(parts[1])));
                }
            }
        }
        if (lines.isEmpty()) {
            System.err.println("Give at least one line, e.g. ./place-order.sh p-1=2");
            return 2;
        }
        OrderPlaced order = OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customer)
                .setLines(lines)
                .setPlacedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
        try (var producer = new KafkaProducer<String, OrderPlaced>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new AvroMessageSerializer<>())) {
            producer.send(new ProducerRecord<>(Topics.ORDERS, orderId, order)).get();
        }
        System.out.println("Produced OrderPlaced " + orderId + " to topic " + Topics.ORDERS + ".");
        System.out.println("Follow it: curl -s localhost:8080/orders/" + orderId);
        return 0;
    }
}
