package dev.ordersaga.order.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /orders/{orderId}} with entity tags and long polling (RFC 7240 {@code Prefer: wait}). */
class OrderReadTest extends OrderServiceIntegrationTest {

    @Test
    void shouldAnswerNotModifiedWithoutBodyWhenIfNoneMatchHoldsTheCurrentETag() {
        String orderId = placeOrder("c-70", "p-70", 1);
        ResponseEntity<JsonNode> first = getOrder(orderId);
        String etag = first.getHeaders().getETag();
        assertThat(etag).isNotBlank();
        assertThat(first.getHeaders().getCacheControl()).isEqualTo("no-cache");

        // Twice: the first read may go to the database, the second is answered from memory.
        for (int read = 0; read < 2; read++) {
            ResponseEntity<String> again = getOrder(http, orderId, etag, null);
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(again.getBody()).isNull();
            assertThat(again.getHeaders().getETag()).isEqualTo(etag);
        }
    }

    @Test
    void shouldAnswerTheNewBodyAndANewETagAfterAStatusChange() {
        String orderId = placeOrder("c-71", "p-71", 1);
        String etag = getOrder(orderId).getHeaders().getETag();

        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);
        awaitStatus(orderId, "AWAITING_PAYMENT");

        ResponseEntity<String> changed = getOrder(http, orderId, etag, null);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody()).contains("\"status\":\"AWAITING_PAYMENT\"");
        assertThat(changed.getHeaders().getETag()).isNotEqualTo(etag);
        assertThat(changed.getHeaders().getCacheControl()).isEqualTo("no-cache");
    }

    @Test
    void shouldShowTheNewStatusAtOnceOnceTheListenerCommittedIt() throws Exception {
        String orderId = placeOrder("c-72", "p-72", 1);
        assertThat(getOrder(orderId).getBody().get("status").asString()).isEqualTo("PENDING");
        assertThat(getOrder(orderId).getBody().get("status").asString()).isEqualTo("PENDING");

        publishStatus(orderId, OrderStatus.FAILED, "OUT_OF_STOCK");
        awaitOrderStatusTopicHandled();

        JsonNode order = getOrder(orderId).getBody();
        assertThat(order.get("status").asString()).isEqualTo("FAILED");
        assertThat(order.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void shouldShowAPaymentAndACancellationAtOnce() {
        String orderId = orderIn(OrderStatus.AWAITING_PAYMENT, null);
        String etag = getOrder(orderId).getHeaders().getETag();

        assertThat(postPayment(orderId, """
                {"method": "card", "cardNumber": "4242424242424242"}""").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> paid = getOrder(orderId);
        assertThat(paid.getBody().get("paymentSubmittedAt").isNull()).isFalse();
        assertThat(paid.getHeaders().getETag()).isNotEqualTo(etag);

        assertThat(postCancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> cancelling = getOrder(orderId);
        assertThat(cancelling.getBody().get("cancellationRequestedAt").isNull()).isFalse();
        assertThat(cancelling.getHeaders().getETag()).isNotEqualTo(paid.getHeaders().getETag());
    }

    @Test
    void shouldAnswerAWaitingRequestWithTheOrderOnceItChanges() throws Exception {
        String orderId = placeOrder("c-73", "p-73", 1);
        String etag = getOrder(orderId).getHeaders().getETag();

        CompletableFuture<ResponseEntity<String>> waiting = CompletableFuture.supplyAsync(
                () -> getOrder(http, orderId, etag, "wait=25"));
        publishStatus(orderId, OrderStatus.AWAITING_PAYMENT, null);

        ResponseEntity<String> answer = waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("\"status\":\"AWAITING_PAYMENT\"");
        assertThat(answer.getHeaders().getETag()).isNotEqualTo(etag);
        assertThat(answer.getHeaders().getFirst("Preference-Applied")).isEqualTo("wait=25");
    }

    @Test
    void shouldAnswerNotModifiedWhenTheWaitEndsWithoutAChange() {
        String orderId = placeOrder("c-74", "p-74", 1);
        String etag = getOrder(orderId).getHeaders().getETag();

        ResponseEntity<String> answer = getOrder(http, orderId, etag, "wait=2");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(answer.getBody()).isNull();
        assertThat(answer.getHeaders().getETag()).isEqualTo(etag);
        assertThat(answer.getHeaders().getFirst("Preference-Applied")).isEqualTo("wait=2");
    }

    @Test
    void shouldAnswerAtOnceWhenTheOrderAlreadyChangedOrTheWaitIsNoNumber() {
        String orderId = placeOrder("c-75", "p-75", 1);
        String etag = getOrder(orderId).getHeaders().getETag();

        ResponseEntity<String> changed = getOrder(http, orderId, "\"0\"", "wait=30");
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getHeaders().getFirst("Preference-Applied")).isNull();

        ResponseEntity<String> invalid = getOrder(http, orderId, etag, "wait=soon");
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(invalid.getHeaders().getFirst("Preference-Applied")).isNull();
    }

    @Test
    void shouldAnswerNotFoundProblemForAnUnknownOrderEvenWhenAskedToWait() {
        ResponseEntity<JsonNode> response = http.get().uri("/orders/{orderId}", "no-such-order")
                .header("Prefer", "wait=5").header(HttpHeaders.IF_NONE_MATCH, "\"1\"")
                .retrieve().toEntity(JsonNode.class);
        assertOrderNotFoundProblem(response, "no-such-order");
    }

    /** A read of {@code instance} with the given If-None-Match and Prefer headers (either may be null). */
    static ResponseEntity<String> getOrder(RestClient instance, String orderId, String ifNoneMatch, String prefer) {
        return instance.get().uri("/orders/{orderId}", orderId)
                .headers(headers -> {
                    if (ifNoneMatch != null) {
                        headers.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
                    }
                    if (prefer != null) {
                        headers.set("Prefer", prefer);
                    }
                })
                .retrieve().toEntity(String.class);
    }
}
