package dev.ordersaga.order.view;

import dev.ordersaga.order.OrderRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order to change (long polling). A change this instance records answers them at once;
 * every {@code orders.view.database-poll-interval} one query of the waited-for orders' versions catches the
 * changes recorded elsewhere: by the instance that owns the order's partition, or a payment or cancellation taken
 * by another instance. No thread is held per request.
 */
@Component
public class OrderChangeWaits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderChangeWaits.class);

    private final OrderViews views;
    private final OrderRepository orders;
    private final Map<String, Set<Wait>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService databasePoll;

    OrderChangeWaits(OrderViews views, OrderRepository orders, OrderViewProperties properties) {
        this.views = views;
        this.orders = orders;
        views.onChange(this::changed);
        this.databasePoll = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "order-change-poll");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.databasePollInterval().toMillis();
        databasePoll.scheduleWithFixedDelay(this::pollDatabase, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * @return completes with the order as soon as it is newer than {@code current}, or empty after {@code wait}
     */
    public CompletableFuture<Optional<OrderView>> newerThan(OrderView current, Duration wait) {
        Wait request = new Wait(current.version(), new CompletableFuture<>());
        waiting.compute(current.orderId(), (orderId, waits) -> {
            Set<Wait> all = waits == null ? ConcurrentHashMap.newKeySet() : waits;
            all.add(request);
            return all;
        });
        request.answer.completeOnTimeout(Optional.empty(), wait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> forget(current.orderId(), request));
        // A change recorded between the caller's read and this registration.
        views.cached(current.orderId()).ifPresent(this::changed);
        return request.answer;
    }

    private void changed(OrderView view) {
        Set<Wait> waits = waiting.get(view.orderId());
        if (waits != null) {
            waits.stream().filter(request -> view.version() > request.version)
                    .forEach(request -> request.answer.complete(Optional.of(view)));
        }
    }

    private void pollDatabase() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            orders.findVersions(List.copyOf(waiting.keySet())).forEach((orderId, version) -> {
                Set<Wait> waits = waiting.get(orderId);
                if (waits != null && waits.stream().anyMatch(request -> version > request.version)) {
                    views.reload(orderId).ifPresent(this::changed);
                }
            });
        } catch (RuntimeException e) {
            // The waiting requests are answered 304 when their time is up; the client asks again.
            log.warn("Could not look for changes of {} orders clients wait for: {}", waiting.size(), e.toString());
        }
    }

    private void forget(String orderId, Wait request) {
        waiting.computeIfPresent(orderId, (id, waits) -> {
            waits.remove(request);
            return waits.isEmpty() ? null : waits;
        });
    }

    @Override
    public void destroy() {
        databasePoll.shutdownNow();
    }

    /** One waiting request; identity matters, so not a record. */
    private static final class Wait {

        private final long version;
        private final CompletableFuture<Optional<OrderView>> answer;

        Wait(long version, CompletableFuture<Optional<OrderView>> answer) {
            this.version = version;
            this.answer = answer;
        }
    }
}
