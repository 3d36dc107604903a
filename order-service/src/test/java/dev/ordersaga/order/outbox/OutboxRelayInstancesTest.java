package dev.ordersaga.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceApplication;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import dev.ordersaga.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * Two order-service instances on one database and one broker, each relaying the outbox, as a scaled-out
 * deployment runs. Whichever instance a request reaches, the saga must see each order's messages in the order
 * they were accepted: a cancellation that overtook its order would be dropped, and the order would expire.
 */
class OutboxRelayInstancesTest extends OrderServiceIntegrationTest {

    private static final int CANCELLED_ORDERS = 600;
    private static final int PAID_ORDERS = 30;
    private static final int CLIENTS = 12;
    private static final String PAYMENT = """
            {"method": "card", "cardNumber": "4242424242424242"}""";

    private static ConfigurableApplicationContext secondInstance;

    @BeforeAll
    static void startSecondInstance() {
        TestInfrastructure infra = TestInfrastructure.get();
        secondInstance = new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.datasource.url=" + infra.jdbcUrl("orders"),
                "--spring.datasource.username=" + infra.postgresUser(),
                "--spring.datasource.password=" + infra.postgresPassword());
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void shouldPublishEveryOrdersMessagesInOrderWhileTwoInstancesRelay() throws Exception {
        List<RestClient> instances = List.of(http, client(secondInstancePort()));
        Map<String, Set<Class<?>>> expected = new LinkedHashMap<>();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<String>> cancelled = IntStream.range(0, CANCELLED_ORDERS)
                        .mapToObj(i -> clients.submit(() -> placeAndCancelAtOnce(
                                instances.get(i % 2), instances.get((i + 1) % 2))))
                        .toList();
                List<Future<String>> paid = IntStream.range(0, PAID_ORDERS)
                        .mapToObj(i -> clients.submit(() -> placePayAndCancel(
                                instances.get(i % 2), instances.get((i + 1) % 2))))
                        .toList();
                for (Future<String> order : cancelled) {
                    expected.put(order.get(), Set.of(OrderPlaced.class, CancellationRequested.class));
                }
                for (Future<String> order : paid) {
                    expected.put(order.get(),
                            Set.of(OrderPlaced.class, PaymentSubmitted.class, CancellationRequested.class));
                }
            } finally {
                clients.shutdownNow();
            }

            Map<String, List<Class<?>>> published = await().atMost(TIMEOUT.multipliedBy(2))
                    .pollInterval(Duration.ZERO)
                    .until(() -> messagesByOrder(orders, expected.keySet()),
                            byOrder -> expected.entrySet().stream().allMatch(order ->
                                    new HashSet<>(byOrder.getOrDefault(order.getKey(), List.of()))
                                            .containsAll(order.getValue())));

            List<String> overtaken = published.entrySet().stream()
                    .filter(order -> order.getValue().get(0) != OrderPlaced.class)
                    .map(order -> order.getKey() + " " + order.getValue().stream().map(Class::getSimpleName).toList())
                    .toList();
            assertThat(overtaken).as("orders whose first message is not OrderPlaced").isEmpty();
        }
    }

    /** The cancellation commits milliseconds after its order, through the instance that did not take the order. */
    private static String placeAndCancelAtOnce(RestClient placing, RestClient cancelling) {
        String orderId = placeOrder(placing, "c-60", "p-60", 1);
        assertThat(postCancel(cancelling, orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return orderId;
    }

    private String placePayAndCancel(RestClient placing, RestClient paying) {
        String orderId = placeOrder(placing, "c-61", "p-61", 1);
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        awaitStatus(orderId, "AWAITING_PAYMENT");
        assertThat(postPayment(paying, orderId, PAYMENT).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(postCancel(placing, orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return orderId;
    }

    /** The types of each order's messages read so far, in the order the topic holds them. */
    private static Map<String, List<Class<?>>> messagesByOrder(TopicReader orders, Set<String> orderIds) {
        Map<String, List<Class<?>>> byOrder = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : orders.drain(Duration.ofMillis(200))) {
            if (orderIds.contains(record.key())) {
                SpecificRecord message = orders.decode(record);
                byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(message == null ? null : message.getClass());
            }
        }
        return byOrder;
    }

    private static int secondInstancePort() {
        return Integer.parseInt(secondInstance.getEnvironment().getProperty("local.server.port"));
    }
}
