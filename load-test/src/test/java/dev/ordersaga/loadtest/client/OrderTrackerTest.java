package dev.ordersaga.loadtest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a client polls order-service's {@code GET /orders/{id}}, against a stand-in for it that answers a scripted
 * sequence: a server that ignores conditional and long-poll headers, and one that implements them.
 */
class OrderTrackerTest {

    private static final PlannedOrder ORDER = PlannedOrder.of("p-1", 1);

    private final BlockingHttpClient http = new BlockingHttpClient(4, Duration.ofSeconds(5));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
        timer.shutdownNow();
        http.close();
    }

    @Test
    void shouldPollEveryIntervalWithoutConditionalHeadersWhenTheServerSendsNoETag() throws Exception {
        serve(List.of(Answer.ok("PENDING", null), Answer.ok("PENDING", null), Answer.ok("AWAITING_PAYMENT", null)));

        OrderOutcome outcome = track(PollMode.SHORT, Duration.ofMillis(10));

        assertThat(outcome.status()).isEqualTo(OrderOutcome.AWAITING_PAYMENT);
        assertThat(outcome.polls()).isEqualTo(3);
        assertThat(outcome.notModified()).isZero();
        assertThat(requests).allSatisfy(headers -> assertThat(headers).doesNotContainKeys("if-none-match", "prefer"));
    }

    @Test
    void shouldSendTheLastETagAndCountNotModifiedAnswersWhenShortPolling() throws Exception {
        serve(List.of(Answer.ok("PENDING", "\"1\""), Answer.notModified(0), Answer.notModified(0),
                Answer.ok("AWAITING_PAYMENT", "\"2\"")));

        OrderOutcome outcome = track(PollMode.SHORT, Duration.ofMillis(10));

        assertThat(outcome.polls()).isEqualTo(4);
        assertThat(outcome.notModified()).isEqualTo(2);
        assertThat(requests.get(0)).doesNotContainKey("if-none-match");
        assertThat(requests.subList(1, 4)).allSatisfy(headers -> assertThat(headers)
                .containsEntry("if-none-match", "\"1\"").doesNotContainKey("prefer"));
    }

    @Test
    void shouldAskAgainAtOnceAfterNewsWhenLongPolling() throws Exception {
        // The poll interval is far longer than the test's bound: the order settles only if the client asks again
        // at once after each answer that brought news, as long polling does.
        serve(List.of(Answer.ok("PENDING", "\"1\""), Answer.ok("AWAITING_PAYMENT", "\"2\"")));

        OrderOutcome outcome = track(PollMode.LONG, Duration.ofMinutes(10));

        assertThat(outcome.status()).isEqualTo(OrderOutcome.AWAITING_PAYMENT);
        assertThat(requests).allSatisfy(headers -> assertThat(headers).containsEntry("prefer", "wait=10"));
        assertThat(requests.get(1)).containsEntry("if-none-match", "\"1\"");
    }

    @Test
    void shouldFallBackToThePollIntervalWhenALongPollIsAnsweredAtOnceWithNothingNew() throws Exception {
        // A server that ignores Prefer: the same status again, at once. Waiting the poll interval (here 300 ms)
        // keeps the client from asking in a tight loop: five answers, not thousands.
        serve(List.of(Answer.ok("PENDING", null), Answer.ok("PENDING", null), Answer.ok("PENDING", null),
                Answer.ok("PENDING", null), Answer.ok("AWAITING_PAYMENT", null)));

        OrderOutcome outcome = track(PollMode.LONG, Duration.ofMillis(300));

        assertThat(outcome.status()).isEqualTo(OrderOutcome.AWAITING_PAYMENT);
        assertThat(outcome.polls()).isEqualTo(5);
    }

    private OrderOutcome track(PollMode mode, Duration pollInterval) throws Exception {
        OrderPlacer placer = (order, customer) -> CompletableFuture.completedFuture("o-1");
        OrderTracker tracker = new OrderTracker(placer, http, "http://localhost:" + server.getAddress().getPort(),
                timer, pollInterval, mode, Duration.ofSeconds(60));
        return tracker.track(ORDER).get(60, TimeUnit.SECONDS);
    }

    /** One scripted answer: 200 with a status (and an ETag, or none), or 304 after a delay. */
    private record Answer(int code, String status, String etag, long delayMillis) {

        static Answer ok(String status, String etag) {
            return new Answer(200, status, etag, 0);
        }

        static Answer notModified(long delayMillis) {
            return new Answer(304, null, null, delayMillis);
        }
    }

    /** Answers the script in order; the last answer again once it is used up. */
    private void serve(List<Answer> script) throws IOException {
        AtomicInteger next = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/orders/", exchange -> {
            requests.add(headersOf(exchange));
            Answer answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (answer.etag() != null) {
                exchange.getResponseHeaders().add("ETag", answer.etag());
            }
            if (answer.code() == 304) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] body = ("{\"orderId\":\"o-1\",\"status\":\"" + answer.status() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        return headers;
    }
}
