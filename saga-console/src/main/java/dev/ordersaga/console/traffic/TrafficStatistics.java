package dev.ordersaga.console.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordersaga.console.ConsoleProperties;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.watch.WatchedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the saga's traffic says, in bounded memory: orders by latest status, orders placed per second, the time
 * from placed to settled, the newest orders. Fed the records of {@code orders} and {@code order-status}; every
 * other record is ignored. Thread-safe: the sampler feeds it while snapshots are taken.
 */
@Component
public class TrafficStatistics {

    private final Instant since;
    private final int trackedLimit;
    private final TrackedOrders orders;
    private final SettleLatencies latencies;
    private final RateWindow placedRate;

    @Autowired
    public TrafficStatistics(ConsoleProperties properties, Clock clock) {
        this(properties.trackedOrders(), properties.recentOrders(), properties.latencySamples(),
                (int) properties.rateWindow().toSeconds(), clock.instant());
    }

    TrafficStatistics(int trackedOrders, int recentOrders, int latencySamples, int rateWindowSeconds, Instant since) {
        this.since = since;
        this.trackedLimit = trackedOrders;
        this.orders = new TrackedOrders(trackedOrders, recentOrders);
        this.latencies = new SettleLatencies(latencySamples);
        this.placedRate = new RateWindow(rateWindowSeconds, since);
    }

    /** Takes in records read at {@code readAt}. */
    public synchronized void record(List<WatchedRecord> records, Instant readAt) {
        for (WatchedRecord record : records) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            switch (record.type()) {
                case "OrderPlaced" -> placed(record.key(), record.value(), readAt);
                case "OrderStatusChanged" -> statusChanged(record.key(), record.value());
                default -> { }
            }
        }
    }

    public synchronized TrafficSnapshot snapshot(Instant now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        orders.countByStatus().forEach((status, count) -> counts.put(status.name(), count));
        List<RecentOrder> recent = new ArrayList<>();
        for (TrackedOrder order : orders.recent()) {
            Duration toSettle = order.timeToSettle();
            recent.add(new RecentOrder(order.orderId(), order.status() == null ? null : order.status().name(),
                    order.reason(), order.lines(), order.placedAt(), toSettle == null ? null : toSettle.toMillis()));
        }
        return new TrafficSnapshot(since, counts, orders.size(), trackedLimit, placedRate.perSecond(now),
                latencies.summary(), recent);
    }

    private void placed(String orderId, ObjectNode placed, Instant readAt) {
        placedRate.count(readAt);
        orders.update(orderId, order -> {
            Duration before = order.timeToSettle();
            order.placed(instant(placed.get("placedAt")), lines(placed.get("lines")));
            if (order.status() == null) {
                // The saga announces no PENDING for orders order-service stored: placed means pending.
                order.statusChanged(OrderStatus.PENDING, null, null, null, null);
            }
            settled(before, order);
        });
    }

    private void statusChanged(String orderId, ObjectNode changed) {
        OrderStatus status = OrderStatus.valueOf(changed.path("status").asText());
        JsonNode reason = changed.get("reason");
        orders.update(orderId, order -> {
            Duration before = order.timeToSettle();
            order.statusChanged(status, reason == null || reason.isNull() ? null : reason.asText(),
                    instant(changed.get("placedAt")), lines(changed.get("lines")), instant(changed.get("changedAt")));
            settled(before, order);
        });
    }

    /** Counts the order's time to settle once: when the last of its placing and settling comes in. */
    private void settled(Duration before, TrackedOrder order) {
        Duration after = order.timeToSettle();
        if (before == null && after != null) {
            latencies.add(after);
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    /** {@code p-1 ×2, p-3 ×1} */
    private static String lines(JsonNode lines) {
        if (lines == null || !lines.isArray()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        lines.forEach(line -> parts.add(line.path("productId").asText() + " ×" + line.path("quantity").asInt()));
        return String.join(", ", parts);
    }

    /**
     * @param since when the console started: the counts cover the orders seen since
     * @param statusCounts orders by latest status, every status in the saga's order
     * @param trackedOrders how many orders the counts cover
     * @param trackedLimit the most they cover; beyond it the first seen are forgotten
     * @param ordersPerSecond orders placed per second, over the last few seconds
     * @param settle time from placed to settled of the latest settled orders
     * @param recentOrders the newest orders first
     */
    public record TrafficSnapshot(Instant since, Map<String, Long> statusCounts, int trackedOrders, int trackedLimit,
                                  double ordersPerSecond, SettleLatencies.Settle settle,
                                  List<RecentOrder> recentOrders) {
    }

    /**
     * @param status its latest status; {@code null} before the console knows any
     * @param reason why it failed, if it did
     * @param lines what it holds, e.g. {@code p-1 ×2, p-3 ×1}
     * @param settleMillis time from placed to settled; {@code null} until it settled, or when the console did not see
     *     it placed
     */
    public record RecentOrder(String orderId, String status, String reason, String lines, Instant placedAt,
                              Long settleMillis) {
    }
}
