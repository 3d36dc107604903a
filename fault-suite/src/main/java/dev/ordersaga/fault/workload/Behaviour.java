package dev.ordersaga.fault.workload;

import java.util.Random;

/** What a customer does once the order awaits payment, and the final status that must follow. */
public enum Behaviour {

    PAY(40, "PAID", null),
    /** Pays with a card the simulated provider declines. */
    DECLINE(15, "FAILED", "PAYMENT_DECLINED"),
    CANCEL(20, "CANCELLED", null),
    /** Neither pays nor cancels: the payment deadline expires the order. */
    WALK_AWAY(25, "EXPIRED", null);

    static final String ACCEPTED_CARD = "4242424242424242";
    static final String DECLINED_CARD = "4000000000000002";

    private final int weight;
    private final String expectedStatus;
    private final String expectedReason;

    Behaviour(int weight, String expectedStatus, String expectedReason) {
        this.weight = weight;
        this.expectedStatus = expectedStatus;
        this.expectedReason = expectedReason;
    }

    public String expectedStatus() {
        return expectedStatus;
    }

    /** The reason the final status must carry, or null when any (or none) will do. */
    public String expectedReason() {
        return expectedReason;
    }

    static Behaviour pick(Random random) {
        int total = 0;
        for (Behaviour b : values()) {
            total += b.weight;
        }
        int roll = random.nextInt(total);
        for (Behaviour b : values()) {
            roll -= b.weight;
            if (roll < 0) {
                return b;
            }
        }
        throw new AssertionError();
    }
}
