package dev.ordersaga.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console against the shared broker, with order-service and inventory-service stood in for by
 * {@link StubShop}: what it shows of the saga's traffic, the conversations it reads back, the orders it places.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaConsoleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<OrderLine> LINES = List.of(new OrderLine("p-1", 2));
    private static StubShop shop;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.shared();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        shop = new StubShop();
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrapServers());
        registry.add("console.order-service-url", shop::url);
        registry.add("console.inventory-service-url", shop::url);
        registry.add("console.poll-interval", () -> "200ms");
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    @BeforeEach
    void awaitWatching() {
        await().atMost(TIMEOUT).until(() -> snapshot().path("trafficProblem").isNull());
    }

    @Test
    void shouldShowAnOrderFromItsMessagesOnTheTopics() {
        String orderId = "console-" + UUID.randomUUID();
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long awaitingBefore = snapshot().path("traffic").path("statusCounts").path("AWAITING_PAYMENT").asLong();
        try (KafkaTestClient kafka = KafkaTestClient.forSharedBroker()) {
            kafka.send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "c-1", LINES, placedAt, true));
            kafka.send(Topics.ORDER_STATUS, orderId, new OrderStatusChanged(orderId, "c-1", LINES,
                    OrderStatus.AWAITING_PAYMENT, null, placedAt, placedAt.plusMillis(250)));
        }

        JsonNode order = await().atMost(TIMEOUT).until(() -> recentOrder(snapshot(), orderId),
                found -> found != null && "AWAITING_PAYMENT".equals(found.path("status").asString()));

        assertThat(order.path("lines").asString()).isEqualTo("p-1 ×2");
        assertThat(order.path("settleMillis").asLong()).isEqualTo(250);
        assertThat(Instant.parse(order.path("placedAt").asString())).isEqualTo(placedAt);
        JsonNode traffic = snapshot().path("traffic");
        assertThat(traffic.path("statusCounts").path("AWAITING_PAYMENT").asLong()).isGreaterThan(awaitingBefore);
        assertThat(traffic.path("settle").path("samples").asInt()).isPositive();
    }

    @Test
    void shouldStreamSnapshotsAsServerSentEvents() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri("/api/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while (data.size() < 2 && (line = events.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()));
                }
            }
        }

        assertThat(data).hasSize(2);
        JsonNode first = json.readTree(data.get(0));
        assertThat(first.path("traffic").path("statusCounts").propertyNames())
                .containsExactly("PENDING", "AWAITING_PAYMENT", "PAID", "CANCELLED", "EXPIRED", "FAILED");
        assertThat(Instant.parse(json.readTree(data.get(1)).path("at").asString()))
                .isAfter(Instant.parse(first.path("at").asString()));
    }

    @Test
    void shouldReadAnOrdersConversationBackFromKafkaInTheOrderOfItsStory() {
        String orderId = "console-" + UUID.randomUUID();
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaTestClient kafka = KafkaTestClient.forSharedBroker()) {
            kafka.send(Topics.ORDERS, orderId, new OrderPlaced(orderId, "c-1", LINES, placedAt, true));
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new ReserveInventory(orderId, LINES));
            kafka.send(Topics.INVENTORY_EVENTS, orderId, new InventoryReserved(orderId, placedAt.plusMillis(5)));
        }

        HttpResponse<String> response = get("/api/orders/" + orderId + "/conversation");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        json.readTree(response.body()).forEach(record -> {
            assertThat(record.path("key").asString()).isEqualTo(orderId);
            types.add(record.path("value").path("@type").asString());
        });
        assertThat(types).containsExactly("OrderPlaced", "ReserveInventory", "InventoryReserved");
    }

    @Test
    void shouldCountDeadLettersAndShowTheErrorThatSentTheLatestThere() {
        String orderId = "console-" + UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forSharedBroker()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("kafka_dlt-exception-message", "Unknown magic byte".getBytes(StandardCharsets.UTF_8));
            kafka.sendRaw(new ProducerRecord<>(Topics.PAYMENT_COMMANDS_DLT, null, orderId,
                    "not avro".getBytes(StandardCharsets.UTF_8), headers));
        }

        JsonNode deadLetters = await().atMost(TIMEOUT).until(() -> snapshot().path("deadLetters"),
                view -> view.path("latest").findValuesAsString("key").contains(orderId));

        JsonNode latest = deadLetters.path("latest").get(0);
        assertThat(latest.path("topic").asString()).isEqualTo(Topics.PAYMENT_COMMANDS_DLT);
        assertThat(latest.path("error").asString()).isEqualTo("Unknown magic byte");
        assertThat(latest.path("type").isNull()).isTrue();
        List<String> topics = new ArrayList<>();
        deadLetters.path("counts").forEach(count -> {
            topics.add(count.path("topic").asString());
            if (count.path("topic").asString().equals(Topics.PAYMENT_COMMANDS_DLT)) {
                assertThat(count.path("records").asLong()).isPositive();
            }
        });
        assertThat(topics).containsExactly(Topics.INVENTORY_COMMANDS_DLT, Topics.ORDER_STATUS_DLT,
                Topics.PAYMENT_COMMANDS_DLT, Topics.SAGA_DLT);
    }

    @Test
    void shouldShowStockAndContentionAsInventoryServiceReportsThem() {
        JsonNode inventory = await().atMost(TIMEOUT).until(() -> snapshot().path("inventory"),
                view -> view.path("meters").isObject() && view.path("products").size() == 2);

        JsonNode first = inventory.path("products").get(0);
        assertThat(first.path("productId").asString()).isEqualTo("p-1");
        assertThat(first.path("available").asInt()).isEqualTo(90);
        assertThat(first.path("reserved").asInt()).isEqualTo(6);
        assertThat(first.path("committed").asInt()).isEqualTo(4);
        assertThat(inventory.path("meters").path("versionConflicts").asLong()).isEqualTo(12);
        assertThat(inventory.path("meters").path("retriesByAttempt").get(0).path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void shouldPlaceAnOrderOfTheProductsInventoryServiceHas() {
        awaitProductsKnown();
        int before = shop.placedOrders().size();

        HttpResponse<String> response = post("/api/orders", "");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode placed = json.readTree(response.body());
        assertThat(placed.path("orderId").asString()).isNotBlank();
        assertThat(placed.path("status").asString()).isEqualTo("PENDING");
        JsonNode sent = json.readTree(shop.placedOrders().get(before));
        assertThat(sent.path("customerId").asString()).startsWith("c-");
        sent.path("lines").forEach(line -> {
            assertThat(line.path("productId").asString()).isIn("p-1", "p-2");
            assertThat(line.path("quantity").asInt()).isBetween(1, 3);
        });
    }

    @Test
    void shouldSayWhyOrderServiceRefusedAnOrder() {
        awaitProductsKnown();
        shop.answerOrdersWith(400);
        try {
            HttpResponse<String> response = post("/api/orders", "");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json.readTree(response.body()).path("detail").asString())
                    .contains("order-service answered 400").contains("no such product");
        } finally {
            shop.answerOrdersWith(202);
        }
    }

    @Test
    void shouldPlaceOrdersOfABurstUntilItIsStopped() {
        awaitProductsKnown();
        int before = shop.placedOrders().size();

        HttpResponse<String> started = post("/api/burst", "{\"ordersPerSecond\":20}");

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(json.readTree(started.body()).path("running").asBoolean()).isTrue();
        // Placed counts the orders order-service accepted, once its answer is in.
        await().atMost(TIMEOUT).until(() -> json.readTree(get("/api/burst").body()).path("placed").asLong() >= 10);
        HttpResponse<String> stopped = delete("/api/burst");

        assertThat(json.readTree(stopped.body()).path("running").asBoolean()).isFalse();
        assertThat(snapshot().path("burst").path("running").asBoolean()).isFalse();
        assertThat(shop.placedOrders().size() - before).isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldRefuseABurstOfNoOrders() {
        HttpResponse<String> response = post("/api/burst", "{\"ordersPerSecond\":0}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("detail").asString()).contains("between 1 and 500");
    }

    @Test
    void shouldServeThePage() {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>order-saga console</title>").contains("console.js");
        assertThat(get("/console.js").statusCode()).isEqualTo(200);
        assertThat(get("/console.css").statusCode()).isEqualTo(200);
    }

    private void awaitProductsKnown() {
        await().atMost(TIMEOUT).until(() -> snapshot().path("inventory").path("products").size() == 2);
    }

    private static JsonNode recentOrder(JsonNode snapshot, String orderId) {
        for (JsonNode order : snapshot.path("traffic").path("recentOrders")) {
            if (order.path("orderId").asString().equals(orderId)) {
                return order;
            }
        }
        return null;
    }

    private JsonNode snapshot() {
        HttpResponse<String> response = get("/api/snapshot");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
