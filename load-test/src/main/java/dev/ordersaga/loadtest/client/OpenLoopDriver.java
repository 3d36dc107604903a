package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders start at a fixed rate whatever happens, as independent customers arrive: a slow system does not slow the
 * arrivals down (no coordinated omission), it piles up orders in flight and its latency shows it.
 */
public final class OpenLoopDriver {

    private OpenLoopDriver() {
    }

    /** Starts order i at i / rate seconds; returns the outcomes in the orders' order once all are known. */
    public static List<OrderOutcome> run(List<PlannedOrder> orders, double ratePerSecond, OrderTracker tracker,
                                         Progress progress) throws InterruptedException {
        List<CompletableFuture<OrderOutcome>> outcomes = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            outcomes.add(null);
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(1);
        ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "arrivals");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long period = Math.max(1, Math.round(1e9 / ratePerSecond));
            ScheduledFuture<?> schedule = arrivals.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= orders.size()) {
                    allStarted.countDown();
                    return;
                }
                outcomes.set(i, tracker.track(orders.get(i)).whenComplete((outcome, e) -> progress.orderDone()));
            }, 0, period, TimeUnit.NANOSECONDS);
            allStarted.await();
            schedule.cancel(false);
        } finally {
            arrivals.shutdownNow();
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
        return outcomes.stream().map(CompletableFuture::join).toList();
    }
}
