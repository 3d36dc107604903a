package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N clients, each placing its next order once the previous one settled: the system's speed sets the pace, so the
 * throughput measured is what it can carry with N customers waiting on it.
 */
public final class ClosedLoopDriver {

    private ClosedLoopDriver() {
    }

    /** Places every order; returns the outcomes in the orders' order. */
    public static List<OrderOutcome> run(List<PlannedOrder> orders, int clients, OrderTracker tracker,
                                         Progress progress) throws InterruptedException {
        OrderOutcome[] outcomes = new OrderOutcome[orders.size()];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < Math.min(clients, orders.size()); c++) {
            Thread client = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < orders.size(); i = next.getAndIncrement()) {
                    outcomes[i] = tracker.track(orders.get(i)).join();
                    progress.orderDone();
                }
            }, "client-" + c);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
        for (Thread client : threads) {
            client.join();
        }
        return Arrays.asList(outcomes);
    }
}
