package dev.ordersaga.order;

import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.outbox.Outbox;
import dev.ordersaga.order.view.OrderViews;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the one payment of an order awaiting payment: records it and announces it on the orders topic, both or
 * neither. Whether it is authorised is the saga's business. Only the card's last four digits reach this class.
 */
@Service
public class OrderPayment {

    private static final Logger log = LoggerFactory.getLogger(OrderPayment.class);

    private final OrderRepository orders;
    private final Outbox outbox;
    private final OrderViews views;
    private final Clock clock;

    OrderPayment(OrderRepository orders, Outbox outbox, OrderViews views, Clock clock) {
        this.orders = orders;
        this.outbox = outbox;
        this.views = views;
        this.clock = clock;
    }

    /**
     * @return the payment, or empty if there is no such order
     * @throws OrderConflictException if the order is not awaiting payment or already has a payment
     */
    @Transactional
    public Optional<SubmittedPayment> submitCardPayment(String orderId, String cardLast4) {
        // Millisecond precision: what the message's timestamp-millis carries, so the stored order matches it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String paymentId = UUID.randomUUID().toString();
        Optional<StoredOrder> paid = orders.submitPayment(orderId, paymentId, cardLast4, now);
        if (paid.isEmpty()) {
            orders.findById(orderId).ifPresent(order -> {
                throw refusal(order);
            });
            return Optional.empty();
        }
        outbox.add(Topics.ORDERS, orderId, PaymentSubmitted.newBuilder()
                .setOrderId(orderId)
                .setPaymentId(paymentId)
                .setMethod(PaymentMethod.CARD)
                .setCardLast4(cardLast4)
                .setSubmittedAt(now)
                .build());
        views.changed(paid.get());
        log.info("Order {} received payment {} by card ending {}", orderId, paymentId, cardLast4);
        return Optional.of(new SubmittedPayment(orderId, paymentId, OrderStatus.AWAITING_PAYMENT));
    }

    private static OrderConflictException refusal(Order order) {
        log.debug("Order {} refused a payment in status {}", order.orderId(), order.status());
        if (order.paymentSubmittedAt() != null) {
            return OrderConflictException.paymentAlreadySubmitted(order);
        }
        return OrderConflictException.statusDoesNotAllow(order, "paying", "while it is AWAITING_PAYMENT");
    }
}
