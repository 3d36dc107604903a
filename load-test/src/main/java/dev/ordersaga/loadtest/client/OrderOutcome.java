package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.OrderLine;
import java.util.List;
import java.util.Set;

/**
 * What a client saw of one order.
 *
 * @param orderId null when the order could not even be placed
 * @param startNanos {@link System#nanoTime()} just before the order was sent
 * @param settledNanos when the first poll showing a settled status returned; 0 when none did in time
 * @param status the settled status, or {@link #NOT_SETTLED}
 * @param reason why the order failed (e.g. OUT_OF_STOCK), or why it is not settled; null otherwise
 * @param lines the order's lines, so that the invariants can add up reserved units
 * @param polls the status polls answered until the order settled (0 when it did not)
 * @param notModified how many of those polls were answered 304 Not Modified
 */
public record OrderOutcome(String orderId, long startNanos, long settledNanos, String status, String reason,
                           List<OrderLine> lines, int polls, int notModified) {

    public OrderOutcome(String orderId, long startNanos, long settledNanos, String status, String reason,
                        List<OrderLine> lines) {
        this(orderId, startNanos, settledNanos, status, reason, lines, 0, 0);
    }

    public OrderOutcome(String orderId, long startNanos, long settledNanos, String status, String reason,
                        List<OrderLine> lines, int polls) {
        this(orderId, startNanos, settledNanos, status, reason, lines, polls, 0);
    }

    public static final String NOT_SETTLED = "NOT_SETTLED";
    public static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";
    public static final String FAILED = "FAILED";

    /**
     * Where the saga has decided the reservation: a client waits for nothing more from the pipeline until it pays
     * or cancels. Paid, cancelled or expired orders are settled too (they went through AWAITING_PAYMENT).
     */
    public static final Set<String> SETTLED = Set.of(AWAITING_PAYMENT, FAILED, "PAID", "CANCELLED", "EXPIRED");

    public static OrderOutcome notSettled(String orderId, long startNanos, String why,
                                          List<OrderLine> lines) {
        return new OrderOutcome(orderId, startNanos, 0, NOT_SETTLED, why, lines);
    }

    public boolean settled() {
        return settledNanos != 0;
    }

    public double latencyMillis() {
        return (settledNanos - startNanos) / 1e6;
    }
}
