package dev.ordersaga.console.orders;

import dev.ordersaga.console.ConsoleProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Places orders at a steady rate until stopped: every tick of 100 ms, the orders due by then. A burst never has
 * more than {@link #MAX_IN_FLIGHT} orders waiting for order-service's answer: when order-service falls behind,
 * the orders over that are skipped and counted rather than piled up.
 */
@Component
public class OrderBurst implements DisposableBean {

    static final int MAX_IN_FLIGHT = 100;
    private static final Duration TICK = Duration.ofMillis(100);

    private final OrderPlacer placer;
    private final int maxRate;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-burst");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private ScheduledFuture<?> ticks;
    private Run run;

    public OrderBurst(OrderPlacer placer, ConsoleProperties properties) {
        this.placer = placer;
        this.maxRate = properties.maxBurstRate();
    }

    /** Starts a burst of {@code ordersPerSecond}, in place of the one running, if any. */
    public synchronized BurstState start(int ordersPerSecond) {
        if (ordersPerSecond < 1 || ordersPerSecond > maxRate) {
            throw new IllegalArgumentException("ordersPerSecond must be between 1 and " + maxRate + ", was "
                    + ordersPerSecond);
        }
        stopTicking();
        Run started = new Run(ordersPerSecond);
        run = started;
        ticks = ticker.scheduleAtFixedRate(() -> tick(started), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return state();
    }

    public synchronized BurstState stop() {
        stopTicking();
        return state();
    }

    /** The burst running, or the last one, with what it placed. */
    public synchronized BurstState state() {
        if (run == null) {
            return new BurstState(false, 0, 0, 0, 0, null);
        }
        return new BurstState(ticks != null, run.ordersPerSecond, run.placed.get(), run.failed.get(),
                run.skipped.get(), run.lastProblem);
    }

    private void stopTicking() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    private void tick(Run current) {
        current.due += current.ordersPerSecond * TICK.toMillis() / 1000.0;
        while (current.due >= 1) {
            current.due--;
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                current.skipped.incrementAndGet();
                continue;
            }
            CompletableFuture<OrderPlacer.PlacedOrder> placed;
            try {
                placed = placer.place();
            } catch (RuntimeException e) {
                // Thrown out of a tick, it would end the burst without a word: count it like any failure.
                placed = CompletableFuture.failedFuture(e);
            }
            placed.whenComplete((order, failure) -> {
                inFlight.decrementAndGet();
                if (failure == null) {
                    current.placed.incrementAndGet();
                } else {
                    current.failed.incrementAndGet();
                    current.lastProblem = (failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure).getMessage();
                }
            });
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }

    /** One burst: its rate and what it did. Its fraction of an order due is only touched by the ticker. */
    private static final class Run {

        final int ordersPerSecond;
        final AtomicLong placed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        volatile String lastProblem;
        double due;

        Run(int ordersPerSecond) {
            this.ordersPerSecond = ordersPerSecond;
        }
    }

    /**
     * @param running whether a burst is placing orders now
     * @param ordersPerSecond its rate (the last burst's when none runs)
     * @param placed orders order-service accepted
     * @param failed orders it refused, or did not answer for
     * @param skipped orders not sent because order-service was behind by {@value #MAX_IN_FLIGHT} answers
     * @param lastProblem why the last failed order failed
     */
    public record BurstState(boolean running, int ordersPerSecond, long placed, long failed, long skipped,
                             String lastProblem) {
    }
}
