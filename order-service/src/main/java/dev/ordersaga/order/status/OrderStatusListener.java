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

/**
 * Keeps each order's status in step with the saga. Events may come late or twice (redelivery after a
 * rebalance); the repository only ever moves an order forward, so handling one again changes nothing.
 */
@Component
class OrderStatusListener {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);

    private final OrderRepository orders;
    private final MeterRegistry meters;

    OrderStatusListener(OrderRepository orders, MeterRegistry meters) {
        this.orders = orders;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.ORDER_STATUS)
    void onStatusChanged(OrderStatusChanged event) {
        OrderStatus status = OrderStatus.of(event.getStatus());
        // The event carries the whole order, so one placed straight on the orders topic gets a row here too.
        Order order = new Order(event.getOrderId(), event.getCustomerId(), status, event.getReason(),
                event.getLines().stream().map(line -> new Order.Line(line.getProductId(), line.getQuantity())).toList(),
                event.getPlacedAt(), event.getChangedAt());
        if (orders.saveStatus(order)) {
            statusChanges(status).increment();
            log.debug("Order {} is now {}{}", order.orderId(), status,
                    order.reason() == null ? "" : " (" + order.reason() + ")");
        } else {
            log.debug("Order {} ignored stale or repeated status {}", order.orderId(), status);
        }
    }

    private Counter statusChanges(OrderStatus status) {
        return Counter.builder("ordersaga.order.status.changes")
                .description("Order status changes recorded from the saga's events")
                .tag("status", status.name())
                .register(meters);
    }
}
