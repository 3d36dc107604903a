package dev.ordersaga.console.live;

import dev.ordersaga.console.inventory.InventoryMonitor;
import dev.ordersaga.console.lag.LagMonitor;
import dev.ordersaga.console.orders.OrderBurst;
import dev.ordersaga.console.traffic.DeadLetterTally;
import dev.ordersaga.console.traffic.TrafficSampler;
import dev.ordersaga.console.traffic.TrafficStatistics;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Takes a snapshot from what each part last knew: no call to a service or the broker. */
@Component
class ConsoleSnapshots {

    private final TrafficSampler sampler;
    private final TrafficStatistics traffic;
    private final DeadLetterTally deadLetters;
    private final InventoryMonitor inventory;
    private final LagMonitor lag;
    private final OrderBurst burst;
    private final Clock clock;

    ConsoleSnapshots(TrafficSampler sampler, TrafficStatistics traffic, DeadLetterTally deadLetters,
            InventoryMonitor inventory, LagMonitor lag, OrderBurst burst, Clock clock) {
        this.sampler = sampler;
        this.traffic = traffic;
        this.deadLetters = deadLetters;
        this.inventory = inventory;
        this.lag = lag;
        this.burst = burst;
        this.clock = clock;
    }

    ConsoleSnapshot take() {
        Instant now = clock.instant();
        return new ConsoleSnapshot(now, sampler.problem(), traffic.snapshot(now), deadLetters.snapshot(),
                inventory.view(), lag.view(), burst.state());
    }
}
