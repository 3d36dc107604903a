package dev.ordersaga.console.live;

import dev.ordersaga.console.inventory.InventoryMonitor;
import dev.ordersaga.console.lag.LagMonitor;
import dev.ordersaga.console.orders.OrderBurst;
import dev.ordersaga.console.traffic.DeadLetterTally;
import dev.ordersaga.console.traffic.TrafficStatistics;
import java.time.Instant;

/**
 * Everything the page shows, as of one moment: what the browser receives at a fixed rate.
 *
 * @param at when it was taken
 * @param trafficProblem why the console does not see the saga's traffic now; {@code null} while it does
 * @param traffic orders by status, rates, time to settle, the newest orders
 * @param deadLetters records per dead-letter topic and the latest of them
 * @param inventory stock per product and contention counters
 * @param lag every consumer group's lag
 * @param burst the burst of orders running, if any
 */
public record ConsoleSnapshot(Instant at, String trafficProblem, TrafficStatistics.TrafficSnapshot traffic,
                              DeadLetterTally.DeadLetters deadLetters, InventoryMonitor.InventoryView inventory,
                              LagMonitor.LagView lag, OrderBurst.BurstState burst) {
}
