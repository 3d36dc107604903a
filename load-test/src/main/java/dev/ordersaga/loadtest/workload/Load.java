package dev.ordersaga.loadtest.workload;

import java.time.Duration;

/**
 * How the orders are offered. Closed loop: {@code clients} clients, each placing its next order once the previous
 * one settled, so the system sets the pace. Open loop: a new order every 1/{@code ratePerSecond} s whatever
 * happens, as independent customers do; this is the load at which latency targets are stated.
 *
 * @param pollInterval how often a client asks for its order's status
 */
public record Load(boolean openLoop, int clients, double ratePerSecond, Duration pollInterval) {

    public static Load closed(int clients, Duration pollInterval) {
        if (clients < 1) {
            throw new IllegalArgumentException("A closed loop needs at least one client, not " + clients);
        }
        return new Load(false, clients, 0, pollInterval);
    }

    public static Load open(double ratePerSecond, Duration pollInterval) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("An open loop needs a rate above 0 orders/s, not " + ratePerSecond);
        }
        return new Load(true, 0, ratePerSecond, pollInterval);
    }

    public Load withPollInterval(Duration interval) {
        return new Load(openLoop, clients, ratePerSecond, interval);
    }

    /** For reports: "64 clients, poll 50 ms" or "300 orders/s offered, poll 50 ms". */
    public String describe() {
        String poll = "poll " + pollInterval.toMillis() + " ms";
        return openLoop
                ? "open loop, %s orders/s offered, %s".formatted(formatRate(ratePerSecond), poll)
                : "closed loop, %d clients, %s".formatted(clients, poll);
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
