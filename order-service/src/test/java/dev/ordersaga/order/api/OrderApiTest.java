package dev.ordersaga.order.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.order.outbox.OutboxRepository;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderApiTest extends OrderServiceIntegrationTest {

    /** orders.api.max-request-body in application.yml. */
    private static final int MAX_REQUEST_BODY = 64 * 1024;
    private static final String VALID_ORDER = """
            {"customerId": "c-4", "lines": [{"productId": "p-4", "quantity": 1}]}""";

    @LocalServerPort
    private int port;

    @Autowired
    private OutboxRepository outbox;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldAcceptOrderAndPublishOrderPlacedWithItsLines() {
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            ResponseEntity<JsonNode> response = postOrder("""
                    {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 2},
                                                    {"productId": "p-2", "quantity": 1}]}
                    """);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String orderId = response.getBody().get("orderId").asString();
            assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
            assertThat(response.getBody().get("status").asString()).isEqualTo("PENDING");

            OrderPlaced placed = orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            assertThat(placed.getCustomerId()).isEqualTo("c-1");
            assertThat(placed.getLines()).containsExactly(new OrderLine("p-1", 2), new OrderLine("p-2", 1));
        }
    }

    @Test
    void shouldShowPlacedOrderAsPendingWithItsLines() {
        String orderId = placeOrder("c-2", "p-3", 5);

        ResponseEntity<JsonNode> response = getOrder(orderId);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode order = response.getBody();
        assertThat(order.get("orderId").asString()).isEqualTo(orderId);
        assertThat(order.get("customerId").asString()).isEqualTo("c-2");
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("reason").isNull()).isTrue();
        assertThat(order.get("lines").get(0).get("productId").asString()).isEqualTo("p-3");
        assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(5);
        assertThat(order.get("lines")).hasSize(1);
        assertThat(order.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(order.get("updatedAt").asString()).isEqualTo(order.get("createdAt").asString());
        assertThat(order.get("paymentSubmittedAt").isNull()).isTrue();
        assertThat(order.get("cancellationRequestedAt").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void shouldRejectInvalidOrderWithProblem(String description, String body, String field, String detail) {
        ResponseEntity<JsonNode> response = postOrder(body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).startsWith("urn:ordersaga:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).contains(detail);
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
    }

    @Test
    void shouldStoreAndPublishNothingForRejectedOrders() {
        // Earlier tests' orders are out of the outbox, so anything published from here on would be ours.
        await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        long ordersBefore = countOrders();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            invalidOrders().forEach(invalid ->
                    assertThat(postOrder((String) invalid.get()[1]).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));

            assertThat(outbox.count()).isZero();
            assertThat(countOrders()).isEqualTo(ordersBefore);
            assertThat(orders.drain(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void shouldRefuseBodyDeclaredLargerThanLimitWithProblem() {
        ResponseEntity<JsonNode> response = postOrder(orderWithNoteOf(MAX_REQUEST_BODY + 1));

        assertRequestTooLargeProblem(response.getStatusCode().value(), response.getHeaders().getContentType(),
                response.getBody());
    }

    @Test
    void shouldRefuseChunkedBodyLargerThanLimitWithProblem() throws Exception {
        byte[] body = orderWithNoteOf(MAX_REQUEST_BODY + 1).getBytes(StandardCharsets.UTF_8);
        // A body of unknown length goes out chunked, without Content-Length: only reading it shows its size.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertRequestTooLargeProblem(response.statusCode(),
                response.headers().firstValue("Content-Type").map(MediaType::parseMediaType).orElse(null),
                JsonMapper.shared().readTree(response.body()));
    }

    @Test
    void shouldAcceptBodyUpToLimit() {
        ResponseEntity<JsonNode> response = postOrder(orderWithNoteOf(MAX_REQUEST_BODY));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void shouldAnswerDatabaseFailureWithProblemThatShowsNothingOfIt() {
        // Fails every statement on orders with an error that names the table and carries the SQL.
        jdbc.sql("ALTER TABLE orders RENAME TO orders_gone").update();
        try {
            for (ResponseEntity<JsonNode> response : List.of(postOrder(VALID_ORDER), getOrder("any-order"))) {
                assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                JsonNode problem = response.getBody();
                assertThat(problem.get("type").asString()).isEqualTo("urn:ordersaga:problem:internal-error");
                assertThat(problem.get("detail").asString())
                        .isEqualTo("The service could not handle this request; try again later");
                assertThat(problem.toString()).doesNotContainIgnoringCase("sql")
                        .doesNotContainIgnoringCase("orders_gone")
                        .doesNotContainIgnoringCase("relation")
                        .doesNotContainIgnoringCase("exception")
                        .doesNotContain("dev.ordersaga");
            }
        } finally {
            jdbc.sql("ALTER TABLE orders_gone RENAME TO orders").update();
        }
    }

    @Test
    void shouldAnswerUnsupportedMediaTypeWithProblem() {
        ResponseEntity<JsonNode> response = http.post().uri("/orders").contentType(MediaType.TEXT_PLAIN)
                .body("customer c-1 wants p-1").retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(415);
    }

    @Test
    void shouldAnswerNotFoundWithProblemForUnknownOrder() {
        ResponseEntity<JsonNode> response = getOrder("no-such-order");

        assertOrderNotFoundProblem(response, "no-such-order");
    }

    static Stream<Arguments> invalidOrders() {
        String tooManyLines = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "{\"productId\": \"p-" + i + "\", \"quantity\": 1}")
                .collect(Collectors.joining(",", "{\"customerId\": \"c-1\", \"lines\": [", "]}"));
        return Stream.of(
                Arguments.of("blank customer", """
                        {"customerId": " ", "lines": [{"productId": "p-1", "quantity": 1}]}""",
                        "customerId", "customerId must not be blank"),
                Arguments.of("customer id too long", """
                        {"customerId": "%s", "lines": [{"productId": "p-1", "quantity": 1}]}"""
                                .formatted("c".repeat(65)),
                        "customerId", "at most 64 characters"),
                Arguments.of("no lines", """
                        {"customerId": "c-1", "lines": []}""",
                        "lines", "lines must hold at least one line"),
                Arguments.of("missing lines", """
                        {"customerId": "c-1"}""",
                        "lines", "lines must hold at least one line"),
                Arguments.of("quantity zero", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 0}]}""",
                        "lines[0].quantity", "lines[0].quantity must be at least 1"),
                Arguments.of("quantity above the maximum", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 1001}]}""",
                        "lines[0].quantity", "lines[0].quantity must be at most 1000"),
                Arguments.of("too many lines", tooManyLines,
                        "lines", "must hold at most 50 lines, got 51"),
                Arguments.of("same product twice", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 1},
                                                        {"productId": "p-1", "quantity": 2}]}""",
                        "lines[1].productId", "product p-1 is already in another line"),
                Arguments.of("product id with a space", """
                        {"customerId": "c-1", "lines": [{"productId": "p 1", "quantity": 1}]}""",
                        "lines[0].productId", "may contain only letters, digits"),
                Arguments.of("malformed JSON", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", """,
                        null, "not valid JSON"),
                Arguments.of("quantity not a number", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": "two"}]}""",
                        "lines[0].quantity", "lines[0].quantity must be a whole number"),
                Arguments.of("quantity with a fraction", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 1.5}]}""",
                        "lines[0].quantity", "lines[0].quantity must be a whole number"),
                Arguments.of("quantity in exponent notation", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": 1e3}]}""",
                        "lines[0].quantity", "lines[0].quantity must be a whole number"),
                Arguments.of("quantity as a string of digits", """
                        {"customerId": "c-1", "lines": [{"productId": "p-1", "quantity": "2"}]}""",
                        "lines[0].quantity", "lines[0].quantity must be a whole number"));
    }

    /** A valid order of exactly {@code bytes} bytes: a note (ignored, as unknown fields are) makes up the size. */
    private static String orderWithNoteOf(int bytes) {
        String order = """
                {"customerId": "c-3", "lines": [{"productId": "p-3", "quantity": 1}], "note": "%s"}""";
        return order.formatted("n".repeat(bytes - order.formatted("").length()));
    }

    private static void assertRequestTooLargeProblem(int status, MediaType contentType, JsonNode problem) {
        assertThat(status).isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
        assertThat(contentType).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("type").asString()).isEqualTo("urn:ordersaga:problem:request-too-large");
        assertThat(problem.get("detail").asString()).isEqualTo("Request body must be at most 65536 bytes");
    }

    private long countOrders() {
        return jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
    }
}
