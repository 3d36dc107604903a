package dev.ordersaga.fault.workload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One customer's order as seen from outside: what was ordered, what the customer did, what order-service showed.
 *
 * @param orderId null when the order was not accepted (no 202)
 * @param acceptedAt when the 202 came (null if none)
 * @param settledAt when the customer first saw the reservation decided (AWAITING_PAYMENT or a final status)
 * @param actedAt when the customer paid or cancelled; null if not (walked away, or the order was already final)
 * @param actionAnswer the HTTP status of that payment or cancellation (0 if none)
 * @param status the last status seen; null when order-service did not know the order (404)
 * @param finalSeenAt when a final status was first seen; null if never within the bound
 * @param history the statuses of {@code GET /orders/{id}/history}, oldest first, with when the saga set them
 * @param actionRecordedAt when order-service recorded the payment or cancellation (its clock), if it did
 */
public record CustomerOrder(String orderId, Behaviour behaviour, Map<String, Integer> lines, Instant placedAt,
                            Instant acceptedAt, Instant settledAt, Instant actedAt, int actionAnswer, String status,
                            String reason, Instant finalSeenAt, List<Transition> history, Instant actionRecordedAt) {

    public static final Set<String> FINAL = Set.of("PAID", "CANCELLED", "EXPIRED", "FAILED");

    public record Transition(String status, String reason, Instant changedAt) {
    }

    public CustomerOrder {
        lines = Map.copyOf(lines);
        history = List.copyOf(history);
    }

    public boolean accepted() {
        return orderId != null;
    }

    public boolean isFinal() {
        return status != null && FINAL.contains(status);
    }

    /** When the saga reserved the stock (the order became AWAITING_PAYMENT), if it did. */
    public Instant reservedAt() {
        return history.stream().filter(t -> t.status().equals("AWAITING_PAYMENT")).map(Transition::changedAt)
                .findFirst().orElse(null);
    }
}
