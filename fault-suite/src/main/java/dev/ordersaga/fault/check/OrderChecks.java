package dev.ordersaga.fault.check;

import dev.ordersaga.fault.workload.Behaviour;
import dev.ordersaga.fault.workload.CustomerOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks on each order: known, final in time, the outcome its customer chose, a clean history. */
final class OrderChecks {

    /** Reasons an order fails its reservation; such an order never awaited payment and its customer did nothing. */
    private static final Set<String> RESERVATION_FAILURES = Set.of("OUT_OF_STOCK", "CONFLICT_RETRIES_EXHAUSTED");
    /** Clocks are the same machine's; this only covers the time between recording an action and its event. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    final Findings lost = new Findings("lost");
    final Findings stuck = new Findings("stuck");
    final Findings wrongOutcome = new Findings("wrong outcome");
    final Findings duplicates = new Findings("duplicate effect");

    void check(CustomerOrder order, Duration paymentTimeout) {
        if (order.status() == null) {
            lost.add(order.orderId() + " answers 404");
            return;
        }
        if (!order.isFinal()) {
            stuck.add(order.orderId() + " still " + order.status());
            return;
        }
        outcome(order, paymentTimeout);
        history(order);
    }

    private void outcome(CustomerOrder order, Duration paymentTimeout) {
        Instant reservedAt = order.reservedAt();
        String seen = order.status() + (order.reason() == null ? "" : " " + order.reason());
        if (reservedAt == null) {
            if (!(order.status().equals("FAILED") && RESERVATION_FAILURES.contains(order.reason()))) {
                wrongOutcome.add(order.orderId() + " never reserved, yet " + seen);
            }
            return;
        }
        boolean acted = order.actedAt() != null && order.actionAnswer() == 202;
        Instant actionAt = order.actionRecordedAt() != null ? order.actionRecordedAt() : order.actedAt();
        boolean inTime = acted && actionAt.isBefore(reservedAt.plus(paymentTimeout).minus(MARGIN));
        boolean expected;
        if (order.behaviour() == Behaviour.WALK_AWAY || !acted) {
            expected = order.status().equals("EXPIRED");
        } else {
            boolean asChosen = order.status().equals(order.behaviour().expectedStatus())
                    && (order.behaviour().expectedReason() == null
                    || order.behaviour().expectedReason().equals(order.reason()));
            // A customer who acted at the deadline may be too late; before it, the choice must win.
            expected = asChosen || (!inTime && order.status().equals("EXPIRED"));
        }
        if (!expected) {
            wrongOutcome.add("%s: customer %s (%s, answered %d, %s after the reservation), order ended %s".formatted(
                    order.orderId(), order.behaviour(), acted ? "acted" : "did not act", order.actionAnswer(),
                    actionAt == null ? "-" : Duration.between(reservedAt, actionAt).toMillis() + " ms", seen));
        }
    }

    private void history(CustomerOrder order) {
        List<String> statuses = order.history().stream().map(CustomerOrder.Transition::status).toList();
        Set<String> seen = new HashSet<>();
        boolean twice = statuses.stream().anyMatch(s -> !seen.add(s));
        long finals = statuses.stream().filter(CustomerOrder.FINAL::contains).count();
        boolean finalLast = !statuses.isEmpty() && CustomerOrder.FINAL.contains(statuses.get(statuses.size() - 1));
        if (twice || finals != 1 || !finalLast) {
            duplicates.add(order.orderId() + " history " + statuses);
        }
    }
}
