package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client's view of an order: place it, then poll {@code GET /orders/{id}} as its {@link PollMode} says until
 * the status is settled. The wait between polls is a timer task, so thousands of orders in flight cost no thread
 * each; only a request in flight holds one of the HTTP client's threads (a held long poll too). The latency is from
 * just before the order is sent to the first poll that returns a settled status.
 */
public final class OrderTracker {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(10);

    private final OrderPlacer placer;
    private final BlockingHttpClient http;
    private final String orderServiceUrl;
    private final ScheduledExecutorService timer;
    private final Duration pollInterval;
    private final PollMode mode;
    private final Duration timeout;
    private final AtomicLong customers = new AtomicLong();

    /**
     * @param timer runs the polls; one thread is enough, each task only sends a request
     * @param timeout after this an order counts as {@link OrderOutcome#NOT_SETTLED}
     */
    public OrderTracker(OrderPlacer placer, BlockingHttpClient http, String orderServiceUrl,
                        ScheduledExecutorService timer, Duration pollInterval, PollMode mode, Duration timeout) {
        this.placer = placer;
        this.http = http;
        this.orderServiceUrl = orderServiceUrl;
        this.timer = timer;
        this.pollInterval = pollInterval;
        this.mode = mode;
        this.timeout = timeout;
    }

    /** Completes (never exceptionally) when the order settled, failed to be placed, or timed out. */
    public CompletableFuture<OrderOutcome> track(PlannedOrder order) {
        CompletableFuture<OrderOutcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();
        String customerId = "bench-c-" + customers.incrementAndGet() % 1000;
        CompletableFuture<String> placed;
        try {
            placed = placer.place(order, customerId);
        } catch (RuntimeException e) {
            placed = CompletableFuture.failedFuture(e);
        }
        placed.whenComplete((orderId, error) -> {
            if (error != null) {
                outcome.complete(OrderOutcome.notSettled(null, start, "not placed: " + message(error),
                        order.lines()));
            } else {
                new Polling(orderId, order, start, outcome).next(mode == PollMode.LONG ? Duration.ZERO : pollInterval);
            }
        });
        return outcome;
    }

    /** The polls of one order. */
    private final class Polling {

        private final String orderId;
        private final PlannedOrder order;
        private final long start;
        private final CompletableFuture<OrderOutcome> outcome;
        private final URI uri;
        private volatile String lastSeen = "no answer yet";
        private volatile String lastStatus;
        private volatile String etag;
        private volatile int polls;
        private volatile int notModified;

        Polling(String orderId, PlannedOrder order, long start, CompletableFuture<OrderOutcome> outcome) {
            this.orderId = orderId;
            this.order = order;
            this.start = start;
            this.outcome = outcome;
            this.uri = URI.create(orderServiceUrl + "/orders/" + orderId);
        }

        void next(Duration delay) {
            timer.schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void poll() {
            Map<String, String> headers = new HashMap<>();
            if (etag != null) {
                headers.put("If-None-Match", etag);
            }
            if (mode == PollMode.LONG) {
                headers.put("Prefer", "wait=" + PollMode.WAIT_SECONDS);
            }
            Duration readTimeout = mode == PollMode.LONG ? PollMode.LONG_POLL_TIMEOUT : POLL_TIMEOUT;
            long sent = System.nanoTime();
            http.get(uri, headers, readTimeout).whenComplete((response, error) -> {
                try {
                    handle(response, error, sent);
                } catch (RuntimeException e) {
                    // An answer that cannot be read must not leave the order's future pending for ever.
                    outcome.complete(OrderOutcome.notSettled(orderId, start, "unreadable answer: " + message(e),
                            order.lines()));
                }
            });
        }

        private void handle(BlockingHttpClient.Response response, Throwable error, long sent) {
            long now = System.nanoTime();
            polls++; // one poll in flight at a time: no lost update
            Duration delay = pollInterval;
            if (error != null) {
                lastSeen = message(error);
            } else if (response.status() == 304) {
                notModified++;
                // Held for most of the wait: the server long-polls, ask again at once. Answered sooner: it does not.
                boolean held = now - sent >= TimeUnit.SECONDS.toNanos(PollMode.WAIT_SECONDS) / 2;
                if (mode == PollMode.LONG && held) {
                    delay = Duration.ZERO;
                }
            } else if (response.status() != 200) {
                // 404: an order produced to Kafka that order-service has not heard of yet.
                lastSeen = "HTTP " + response.status();
            } else {
                JsonNode body = JSON.readTree(response.body());
                String status = body.path("status").asString();
                if (OrderOutcome.SETTLED.contains(status)) {
                    JsonNode reason = body.path("reason");
                    outcome.complete(new OrderOutcome(orderId, start, now, status,
                            reason.isString() ? reason.stringValue() : null, order.lines(), polls, notModified));
                    return;
                }
                // News: a new ETag, or without ETags a new status. The same answer again means the server did not
                // hold the request.
                boolean news = response.etag() != null ? !response.etag().equals(etag) : !status.equals(lastStatus);
                if (mode == PollMode.LONG && news) {
                    delay = Duration.ZERO;
                }
                etag = response.etag();
                lastStatus = status;
                lastSeen = status;
            }
            if (now - start > timeout.toNanos()) {
                outcome.complete(OrderOutcome.notSettled(orderId, start,
                        "still " + lastSeen + " after " + timeout.toSeconds() + " s", order.lines()));
            } else {
                next(delay);
            }
        }
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
