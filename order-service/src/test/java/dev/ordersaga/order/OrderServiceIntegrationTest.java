package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on a random port against the shared real broker and PostgreSQL. Every test class extends
 * this unchanged, so they all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrderServiceIntegrationTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(30);
    protected static final Instant PLACED_AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "orders");
    }

    @LocalServerPort
    private int port;

    protected RestClient http;
    protected KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        http = client(port);
        kafka = KafkaTestClient.forSharedBroker();
    }

    /** A client of the order-service on {@code port} that hands every response to the test, errors included. */
    protected static RestClient client(int port) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
    }

    /** Another order-service on a random port, on the same database and broker: a scaled-out deployment. */
    protected static ConfigurableApplicationContext startAnotherInstance() {
        TestInfrastructure infra = TestInfrastructure.get();
        return new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.datasource.url=" + infra.jdbcUrl("orders"),
                "--spring.datasource.username=" + infra.postgresUser(),
                "--spring.datasource.password=" + infra.postgresPassword());
    }

    protected static int portOf(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    protected ResponseEntity<JsonNode> postOrder(String json) {
        return postOrder(http, json);
    }

    /** Posts to {@code instance}: a test may run more than one order-service. */
    protected static ResponseEntity<JsonNode> postOrder(RestClient instance, String json) {
        return instance.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> getOrder(String orderId) {
        return http.get().uri("/orders/{orderId}", orderId).retrieve().toEntity(JsonNode.class);
    }

    /** Places a valid order and returns its id. */
    protected String placeOrder(String customerId, String productId, int quantity) {
        return placeOrder(http, customerId, productId, quantity);
    }

    protected static String placeOrder(RestClient instance, String customerId, String productId, int quantity) {
        ResponseEntity<JsonNode> response = postOrder(instance, """
                {"customerId": "%s", "lines": [{"productId": "%s", "quantity": %d}]}
                """.formatted(customerId, productId, quantity));
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("Order was not accepted: " + response);
        }
        return response.getBody().get("orderId").asString();
    }

    protected ResponseEntity<JsonNode> postPayment(String orderId, String json) {
        return postPayment(http, orderId, json);
    }

    protected static ResponseEntity<JsonNode> postPayment(RestClient instance, String orderId, String json) {
        return instance.post().uri("/orders/{orderId}/payment", orderId).contentType(MediaType.APPLICATION_JSON)
                .body(json).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postCancel(String orderId) {
        return postCancel(http, orderId);
    }

    protected static ResponseEntity<JsonNode> postCancel(RestClient instance, String orderId) {
        return instance.post().uri("/orders/{orderId}/cancel", orderId).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> getHistory(String orderId) {
        return http.get().uri("/orders/{orderId}/history", orderId).retrieve().toEntity(JsonNode.class);
    }

    /** Asserts the 404 problem every endpoint answers for an order it does not know. */
    protected static void assertOrderNotFoundProblem(ResponseEntity<JsonNode> response, String orderId) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("type").asString()).isEqualTo("urn:ordersaga:problem:order-not-found");
        assertThat(response.getBody().get("detail").asString()).contains(orderId);
    }

    /** Tells order-service, as the saga does, that the order is now in {@code status}. */
    protected void publishStatus(String orderId, dev.ordersaga.messages.OrderStatus status, String reason) {
        publishStatus(orderId, status, reason, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    protected void publishStatus(String orderId, dev.ordersaga.messages.OrderStatus status, String reason,
            Instant changedAt) {
        kafka.send(Topics.ORDER_STATUS, orderId, OrderStatusChanged.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("whoever the saga says")
                .setLines(List.of(new OrderLine("p-0", 1)))
                .setStatus(status)
                .setReason(reason)
                .setPlacedAt(PLACED_AT)
                .setChangedAt(changedAt)
                .build());
    }

    /** Waits until the order shows {@code status} and returns it. */
    protected JsonNode awaitStatus(String orderId, String status) {
        return await().atMost(TIMEOUT).until(() -> getOrder(orderId),
                response -> response.getStatusCode() == HttpStatus.OK
                        && status.equals(response.getBody().get("status").asString())).getBody();
    }

    /** Places an order and waits until the saga's status event moved it to {@code status}. */
    protected String orderIn(dev.ordersaga.messages.OrderStatus status, String reason) {
        String orderId = placeOrder("c-" + status, "p-1", 1);
        if (status != dev.ordersaga.messages.OrderStatus.PENDING) {
            publishStatus(orderId, status, reason);
            awaitStatus(orderId, status.name());
        }
        return orderId;
    }

    /**
     * Waits until order-service has handled every record now on order-status: the only way to show that a
     * late event changed nothing is to know it was read.
     */
    protected static void awaitOrderStatusTopicHandled() throws Exception {
        Set<TopicPartition> partitions = IntStream.range(0, Topics.PARTITIONS)
                .mapToObj(partition -> new TopicPartition(Topics.ORDER_STATUS, partition))
                .collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            await().atMost(TIMEOUT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("order-service")
                        .partitionsToOffsetAndMetadata().get();
                return partitions.stream().allMatch(partition -> ends.get(partition) == 0
                        || (committed.get(partition) != null
                                && committed.get(partition).offset() >= ends.get(partition)));
            });
        }
    }
}
