package dev.ordersaga.order;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.outbox.Outbox;
import dev.ordersaga.order.status.OrderStatusHistoryRepository;
import dev.ordersaga.order.status.StatusTransition;
import dev.ordersaga.order.view.OrderViews;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places an order: stores it as PENDING, starts its history and announces it on the orders topic, all or none. */
@Service
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final OrderRepository orders;
    private final OrderStatusHistoryRepository history;
    private final Outbox outbox;
    private final OrderViews views;
    private final Clock clock;

    OrderPlacement(OrderRepository orders, OrderStatusHistoryRepository history, Outbox outbox, OrderViews views,
            Clock clock) {
        this.orders = orders;
        this.history = history;
        this.outbox = outbox;
        this.views = views;
        this.clock = clock;
    }

    /** The caller has validated the order; this gives it an id and starts its saga. */
    @Transactional
    public Order place(String customerId, List<Order.Line> lines) {
        // Millisecond precision: what the message's timestamp-millis carries, so the stored order matches it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Order order = new Order(UUID.randomUUID().toString(), customerId, OrderStatus.PENDING, null, lines, now, now);
        views.changed(orders.insert(order));
        history.record(order.orderId(), new StatusTransition(OrderStatus.PENDING, null, now));
        outbox.add(Topics.ORDERS, order.orderId(), orderPlaced(order));
        log.debug("Order {} placed by customer {} with {} lines", order.orderId(), customerId, lines.size());
        return order;
    }

    private static OrderPlaced orderPlaced(Order order) {
        return OrderPlaced.newBuilder()
                .setOrderId(order.orderId())
                .setCustomerId(order.customerId())
                .setLines(order.lines().stream()
                        .map(line -> new OrderLine(line.productId(), line.quantity()))
                        .toList())
                .setPlacedAt(order.createdAt())
                .build();
    }
}
