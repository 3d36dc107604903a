package dev.ordersaga.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class PaymentApiTest extends OrderServiceIntegrationTest {

    private static final String CARD = """
            {"method": "card", "cardNumber": "4242424242424242"}""";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldAcceptPaymentOfOrderAwaitingPaymentAndPublishPaymentSubmitted() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            ResponseEntity<JsonNode> response = postPayment(orderId, """
                    {"method": "Card", "cardNumber": "4000 0566 5566 5556"}""");

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(response.getHeaders().getLocation()).hasToString("/orders/" + orderId);
            JsonNode body = response.getBody();
            assertThat(body.get("orderId").asString()).isEqualTo(orderId);
            assertThat(body.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
            String paymentId = body.get("paymentId").asString();
            assertThat(paymentId).isNotBlank();

            PaymentSubmitted submitted = orders.awaitMessage(PaymentSubmitted.class, orderId, TIMEOUT);
            assertThat(submitted.getOrderId()).isEqualTo(orderId);
            assertThat(submitted.getPaymentId()).isEqualTo(paymentId);
            assertThat(submitted.getMethod()).isEqualTo(PaymentMethod.CARD);
            assertThat(submitted.getCardLast4()).isEqualTo("5556");
            assertThat(getOrder(orderId).getBody().get("paymentSubmittedAt").asString())
                    .isEqualTo(submitted.getSubmittedAt().toString());
        }
    }

    @Test
    void shouldKeepOnlyTheLastFourDigitsOfTheCard() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);

        assertThat(postPayment(orderId, CARD).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        String storedOrder = jdbc.sql("SELECT row_to_json(o)::text FROM orders o WHERE order_id = :orderId")
                .param("orderId", orderId).query(String.class).single();
        assertThat(storedOrder).doesNotContain("4242424242424242").contains("\"card_last4\":\"4242\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayments")
    void shouldRejectInvalidPaymentWithProblem(String description, String body, String field, String detail) {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);

        ResponseEntity<JsonNode> response = postPayment(orderId, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).startsWith("urn:ordersaga:problem:");
        assertThat(problem.get("detail").asString()).contains(detail).doesNotContain("4242424242");
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertThat(getOrder(orderId).getBody().get("paymentSubmittedAt").isNull()).isTrue();
    }

    static Stream<Arguments> invalidPayments() {
        return Stream.of(
                Arguments.of("no method", """
                        {"cardNumber": "4242424242424242"}""", "method", "method is required"),
                Arguments.of("method other than card", """
                        {"method": "paypal", "cardNumber": "4242424242424242"}""", "method", "must be 'card'"),
                Arguments.of("no card number", """
                        {"method": "card"}""", "cardNumber", "cardNumber is required"),
                Arguments.of("card number with letters", """
                        {"method": "card", "cardNumber": "4242 4242 4242 424X"}""", "cardNumber", "12 to 19 digits"),
                Arguments.of("card number of 11 digits", """
                        {"method": "card", "cardNumber": "42424242424"}""", "cardNumber", "12 to 19 digits"),
                Arguments.of("card number of 20 digits", """
                        {"method": "card", "cardNumber": "42424242424242424242"}""", "cardNumber", "12 to 19 digits"),
                Arguments.of("malformed JSON", """
                        {"method": "card", "cardNumber": """, null, "not valid JSON"),
                Arguments.of("card number not a string", """
                        {"method": "card", "cardNumber": ["4242424242424242"]}""", "cardNumber",
                        "cardNumber must be a string"));
    }

    @Test
    void shouldAnswerUnsupportedMediaTypeWithProblem() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);

        ResponseEntity<JsonNode> response = http.post().uri("/orders/{orderId}/payment", orderId)
                .contentType(MediaType.TEXT_PLAIN).body("card 4242424242424242").retrieve().toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldAnswerNotFoundWithProblemForUnknownOrder() {
        ResponseEntity<JsonNode> response = postPayment("no-such-order", CARD);

        assertOrderNotFoundProblem(response, "no-such-order");
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = "AWAITING_PAYMENT", mode = EnumSource.Mode.EXCLUDE)
    void shouldAnswerConflictNamingStatusWhenOrderIsNotAwaitingPayment(OrderStatus status) {
        String orderId = orderIn(status, status == OrderStatus.FAILED ? "OUT_OF_STOCK" : null);

        ResponseEntity<JsonNode> response = postPayment(orderId, CARD);

        assertConflict(response, "urn:ordersaga:problem:order-status-conflict", status.name());
        assertThat(response.getBody().get("detail").asString()).contains("is " + status.name());
        assertThat(getOrder(orderId).getBody().get("paymentSubmittedAt").isNull()).isTrue();
    }

    @Test
    void shouldAnswerConflictWhenPaymentWasAlreadySubmitted() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        assertThat(postPayment(orderId, CARD).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        ResponseEntity<JsonNode> second = postPayment(orderId, CARD);

        assertConflict(second, "urn:ordersaga:problem:payment-already-submitted", "AWAITING_PAYMENT");
        assertThat(second.getBody().get("detail").asString()).contains("a payment was already submitted");
    }

    @Test
    void shouldAcceptOnlyOneOfTwoConcurrentPayments() throws Exception {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ResponseEntity<JsonNode>>> payments = Stream.generate(() ->
                            CompletableFuture.supplyAsync(() -> {
                                awaitQuietly(start);
                                return postPayment(orderId, CARD);
                            }, threads))
                    .limit(2)
                    .toList();
            start.countDown();

            List<ResponseEntity<JsonNode>> responses = payments.stream().map(CompletableFuture::join).toList();

            assertThat(responses).extracting(ResponseEntity::getStatusCode)
                    .containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);
            assertThat(responses).filteredOn(response -> response.getStatusCode() == HttpStatus.CONFLICT)
                    .singleElement()
                    .satisfies(loser -> assertThat(loser.getBody().get("type").asString())
                            .isEqualTo("urn:ordersaga:problem:payment-already-submitted"));
            orders.awaitMessage(PaymentSubmitted.class, orderId, TIMEOUT);
            assertThat(orders.drain(Duration.ofSeconds(2)))
                    .filteredOn(record -> orderId.equals(record.key())
                            && orders.decode(record) instanceof PaymentSubmitted)
                    .hasSize(1);
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void assertConflict(ResponseEntity<JsonNode> response, String type, String status) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("orderStatus").asString()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(status);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
