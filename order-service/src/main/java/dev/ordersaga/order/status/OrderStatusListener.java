package dev.ordersaga.order.status;

import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderRepository;
import dev.ordersaga.order.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each order's status and status history in step with the saga. Events may come late or twice
 * (redelivery after a rebalance); the order only ever moves forward and its history keeps the first event of
 * each status, so handling one again changes nothing.
 */
@Component
class OrderStatusListener {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

    private final OrderRepository orders;
    private final OrderStatusHistoryRepository history;
    private final MeterRegistry meters;

    OrderStatusListener(OrderRepository orders, OrderStatusHistoryRepository history, MeterRegistry meters) {
        this.orders = orders;
        this.history = history;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.ORDER_STATUS)
    @Transactional
    void onStatusChanged(OrderStatusChanged event) {
        OrderStatus status = OrderStatus.of(event.getStatus());
        // The event carries the whole order, so one placed straight on the orders topic gets a row here too.
        Order order = new Order(event.getOrderId(), event.getCustomerId(), status, event.getReason(),
                event.getLines().stream().map(line -> new Order.Line(line.getProductId(), line.getQuantity())).toList(),
                event.getPlacedAt(), event.getChangedAt());
        boolean statusChanged = orders.saveStatus(order);
        // Even a status the order has moved past belongs in its history: it only arrived late.
        history.record(order.orderId(), new StatusTransition(status, order.reason(), order.updatedAt()));
        if (statusChanged) {
            statusChanges(status).increment();
            log.debug("Order {} is now {}{}", order.orderId(), status,
                    order.reason() == null ? "" : " (" + order.reason() + ")");
        } else {
            log.debug("Order {} kept its status: {} was stale or repeated", order.orderId(), status);
        }
    }

    private Counter statusChanges(OrderStatus status) {
        return Counter.builder("ordersaga.order.status.changes")
                .description("Order status changes recorded from the saga's events")
                .tag("status", status.name())
                .register(meters);
    }
}
