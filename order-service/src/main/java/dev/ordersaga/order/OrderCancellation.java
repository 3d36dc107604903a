package dev.ordersaga.order;

import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.outbox.Outbox;
import dev.ordersaga.order.view.OrderViews;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passes a customer's cancellation on to the saga, which decides: a cancellation that loses the race against an
 * authorised payment leaves the order PAID. Asking again changes nothing and publishes nothing.
 */
@Service
public class OrderCancellation {

    private static final Logger log = LoggerFactory.getLogger(OrderCancellation.class);

    private final OrderRepository orders;
    private final Outbox outbox;
    private final OrderViews views;
    private final Clock clock;

    OrderCancellation(OrderRepository orders, Outbox outbox, OrderViews views, Clock clock) {
        this.orders = orders;
        this.outbox = outbox;
        this.views = views;
        this.clock = clock;
    }

    /**
     * @return the order's current status (PENDING or AWAITING_PAYMENT), or empty if there is no such order
     * @throws OrderConflictException if the order is paid or its saga is over
     */
    @Transactional
    public Optional<OrderStatus> request(String orderId) {
        // Millisecond precision: what the message's timestamp-millis carries, so the stored order matches it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<StoredOrder> firstRequest = orders.requestCancellation(orderId, now);
        if (firstRequest.isPresent()) {
            outbox.add(Topics.ORDERS, orderId, new CancellationRequested(orderId, now));
            views.changed(firstRequest.get());
            OrderStatus status = firstRequest.get().order().status();
            log.info("Order {} asked to be cancelled while {}", orderId, status);
            return Optional.of(status);
        }
        return orders.findById(orderId).map(order -> {
            if (order.status().isFinal()) {
                log.debug("Order {} refused a cancellation in status {}", orderId, order.status());
                throw OrderConflictException.statusDoesNotAllow(order, "cancelling",
                        "while it is PENDING or AWAITING_PAYMENT");
            }
            return order.status();
        });
    }
}
