package dev.ordersaga.console.traffic;

import dev.ordersaga.messages.OrderStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The orders seen since the console started, at most {@code capacity} of them (the first seen is forgotten
 * first), with the count of those in each status kept as statuses change, and the newest few for the page.
 * Not thread-safe: {@link TrafficStatistics} guards it.
 */
final class TrackedOrders {

    private final int capacity;
    private final int recentCount;
    private final LinkedHashMap<String, TrackedOrder> byId = new LinkedHashMap<>();
    private final Map<OrderStatus, Long> countByStatus = new EnumMap<>(OrderStatus.class);
    private final Deque<String> recent = new ArrayDeque<>();

    TrackedOrders(int capacity, int recentCount) {
        this.capacity = capacity;
        this.recentCount = recentCount;
    }

    /** Applies {@code change} to the order, tracking it from now on if it is new, and counts its new status. */
    void update(String orderId, Consumer<TrackedOrder> change) {
        TrackedOrder order = byId.get(orderId);
        if (order == null) {
            order = track(orderId);
        }
        OrderStatus before = order.status();
        change.accept(order);
        if (order.status() != before) {
            uncount(before);
            countByStatus.merge(order.status(), 1L, Long::sum);
        }
    }

    Map<OrderStatus, Long> countByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, countByStatus.getOrDefault(status, 0L));
        }
        return counts;
    }

    int size() {
        return byId.size();
    }

    /** The newest orders first. */
    List<TrackedOrder> recent() {
        List<TrackedOrder> newest = new ArrayList<>(recent.size());
        for (String orderId : recent) {
            TrackedOrder order = byId.get(orderId);
            if (order != null) {
                newest.add(order);
            }
        }
        return newest;
    }

    private TrackedOrder track(String orderId) {
        TrackedOrder order = new TrackedOrder(orderId);
        byId.put(orderId, order);
        if (byId.size() > capacity) {
            var eldest = byId.entrySet().iterator();
            uncount(eldest.next().getValue().status());
            eldest.remove();
        }
        recent.addFirst(orderId);
        if (recent.size() > recentCount) {
            recent.removeLast();
        }
        return order;
    }

    private void uncount(OrderStatus status) {
        if (status != null) {
            countByStatus.merge(status, -1L, Long::sum);
        }
    }
}
