package dev.ordersaga.loadtest.client;

import dev.ordersaga.loadtest.workload.PlannedOrder;
import java.util.concurrent.CompletableFuture;

/** How an order enters the pipeline: over REST, or as an event on the {@code orders} topic. */
public interface OrderPlacer extends AutoCloseable {

    /** Sends the order without blocking; completes with its id once the pipeline accepted it. */
    CompletableFuture<String> place(PlannedOrder order, String customerId);

    @Override
    default void close() {
    }
}
