package dev.ordersaga.fault.workload;

import dev.ordersaga.loadtest.client.BlockingHttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One customer: places an order, short-polls it until the reservation is decided, then pays, pays with a declined
 * card, cancels or walks away, and polls until the order is final (or the bound passes). Retries what a real
 * client would retry when an instance is down.
 */
final class Customer {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int ATTEMPTS = 20;

    private final OrderServiceClient orders;
    private final Duration finalWithin;

    Customer(OrderServiceClient orders, Duration finalWithin) {
        this.orders = orders;
        this.finalWithin = finalWithin;
    }

    CustomerOrder order(String customerId, Map<String, Integer> lines, Behaviour behaviour) {
        Instant placedAt = Instant.now();
        Optional<String> orderId = place(customerId, lines);
        if (orderId.isEmpty()) {
            return new CustomerOrder(null, behaviour, lines, placedAt, null, null, null, 0, null, null, null,
                    List.of(), null);
        }
        Instant acceptedAt = Instant.now();
        Instant deadline = acceptedAt.plus(finalWithin);
        String id = orderId.get();
        Seen settled = pollUntil(id, Seen::settled, deadline);
        Instant actedAt = null;
        int answer = 0;
        if (settled.isAwaitingPayment() && behaviour != Behaviour.WALK_AWAY) {
            actedAt = Instant.now();
            answer = act(id, behaviour);
        }
        Seen last = settled.isFinal() ? settled : pollUntil(id, Seen::isFinal, deadline);
        List<CustomerOrder.Transition> history = last.status == null ? List.of() : history(id);
        return new CustomerOrder(id, behaviour, lines, placedAt, acceptedAt, settled.settled() ? settled.at : null,
                actedAt, answer, last.status, last.reason, last.isFinal() ? last.at : null, history,
                last.actionRecordedAt(behaviour));
    }

    private Optional<String> place(String customerId, Map<String, Integer> lines) {
        String body = JSON.writeValueAsString(Map.of("customerId", customerId, "lines", lines.entrySet().stream()
                .map(line -> Map.of("productId", line.getKey(), "quantity", line.getValue())).toList()));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<BlockingHttpClient.Response> response = orders.post("/orders", body);
            if (response.isPresent() && response.get().status() == 202) {
                return Optional.of(JSON.readTree(response.get().body()).path("orderId").asString());
            }
            if (response.isEmpty() || response.get().status() < 500) {
                // No answer after sending (maybe stored, maybe not), or refused for good: the customer gives up.
                return Optional.empty();
            }
            sleep(Duration.ofSeconds(1)); // 5xx: the database may be restarting
        }
        return Optional.empty();
    }

    /** Pays or cancels, again after a broken connection or 5xx, as a customer pressing the button again would. */
    private int act(String orderId, Behaviour behaviour) {
        String path = behaviour == Behaviour.CANCEL ? "/orders/" + orderId + "/cancel" : "/orders/" + orderId
                + "/payment";
        String body = behaviour == Behaviour.CANCEL ? null : "{\"method\":\"card\",\"cardNumber\":\""
                + (behaviour == Behaviour.PAY ? Behaviour.ACCEPTED_CARD : Behaviour.DECLINED_CARD) + "\"}";
        int status = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<BlockingHttpClient.Response> response = orders.post(path, body);
            status = response.map(BlockingHttpClient.Response::status).orElse(0);
            if (status != 0 && status < 500) {
                return status;
            }
            sleep(Duration.ofSeconds(1));
        }
        return status;
    }

    private List<CustomerOrder.Transition> history(String orderId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<BlockingHttpClient.Response> response = orders.get("/orders/" + orderId + "/history");
            if (response.isPresent() && response.get().status() == 200) {
                List<CustomerOrder.Transition> transitions = new ArrayList<>();
                for (JsonNode t : JSON.readTree(response.get().body()).path("transitions")) {
                    transitions.add(new CustomerOrder.Transition(t.path("status").asString(),
                            textOrNull(t.path("reason")), Instant.parse(t.path("changedAt").asString())));
                }
                return transitions;
            }
            sleep(Duration.ofSeconds(1));
        }
        return List.of();
    }

    /** One answer of {@code GET /orders/{id}}; status null for 404 (or no answer yet). */
    private record Seen(String status, String reason, Instant at, JsonNode body) {

        boolean settled() {
            return isAwaitingPayment() || isFinal();
        }

        boolean isAwaitingPayment() {
            return "AWAITING_PAYMENT".equals(status);
        }

        boolean isFinal() {
            return status != null && CustomerOrder.FINAL.contains(status);
        }

        Instant actionRecordedAt(Behaviour behaviour) {
            if (body == null) {
                return null;
            }
            String at = textOrNull(body.path(behaviour == Behaviour.CANCEL ? "cancellationRequestedAt"
                    : "paymentSubmittedAt"));
            return at == null ? null : Instant.parse(at);
        }
    }

    private Seen pollUntil(String orderId, Predicate<Seen> done, Instant deadline) {
        Seen last = new Seen(null, null, Instant.now(), null);
        while (true) {
            Optional<BlockingHttpClient.Response> response = orders.get("/orders/" + orderId);
            if (response.isPresent() && response.get().status() == 200) {
                JsonNode body = JSON.readTree(response.get().body());
                last = new Seen(body.path("status").asString(), textOrNull(body.path("reason")), Instant.now(), body);
                if (done.test(last)) {
                    return last;
                }
            } else if (response.isPresent() && response.get().status() == 404) {
                last = new Seen(null, null, Instant.now(), null);
            }
            if (Instant.now().isAfter(deadline)) {
                return last;
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
