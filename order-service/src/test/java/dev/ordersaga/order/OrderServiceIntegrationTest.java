package dev.ordersaga.order;

import static org.awaitility.Awaitility.await;

import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import java.time.Duration;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
        kafka = KafkaTestClient.forSharedBroker();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    protected ResponseEntity<JsonNode> postOrder(String json) {
        return http.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> getOrder(String orderId) {
        return http.get().uri("/orders/{orderId}", orderId).retrieve().toEntity(JsonNode.class);
    }

    /** Places a valid order and returns its id. */
    protected String placeOrder(String customerId, String productId, int quantity) {
        ResponseEntity<JsonNode> response = postOrder("""
                {"customerId": "%s", "lines": [{"productId": "%s", "quantity": %d}]}
                """.formatted(customerId, productId, quantity));
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("Order was not accepted: " + response);
        }
        return response.getBody().get("orderId").asString();
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
