package dev.ordersaga.order.status;

import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderRepository;
import dev.ordersaga.order.OrderStatus;
import dev.ordersaga.order.StoredOrder;
import dev.ordersaga.order.view.OrderViews;
import dev.ordersaga.support.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each order's status and status history in step with the saga, a poll's worth of events per database
 * transaction. Events may come late or twice (redelivery after a rebalance); the order only ever moves forward
 * and its history keeps the first event of each status, so handling one again changes nothing.
 *
 * <p>A record that is no status event goes alone to the dead-letter topic: the events before it are recorded
 * first, then {@link BatchListenerFailedException} names it, and the error handler commits what came before,
 * dead-letters it and delivers the rest again. While the database is unreachable the batch waits for it, as
 * {@link TransientFailures} describes.
 */
@Component
class OrderStatusListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusListener.class);
    private static final LogAccessor deserializationLog = new LogAccessor(OrderStatusListener.class);

    private final OrderRepository orders;
    private final OrderStatusHistoryRepository history;
    private final OrderViews views;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    OrderStatusListener(OrderRepository orders, OrderStatusHistoryRepository history, OrderViews views,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.orders = orders;
        this.history = history;
        this.views = views;
        this.transactions = transactions;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.ORDER_STATUS, batch = "true")
    void onStatusChanged(List<ConsumerRecord<String, Object>> records) {
        List<Order> events = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            if (!(record.value() instanceof OrderStatusChanged event)) {
                apply(events);
                throw new BatchListenerFailedException("Record is no status event", unreadable(record), index);
            }
            events.add(order(event));
        }
        apply(events);
    }

    /** Orders of these partitions change here now; see {@link OrderViews}. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        views.assigned(assignments.keySet());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        views.revoked(partitions);
    }

    /**
     * Records {@code events} (the records of the same index) in one transaction, then shows the changes. If the
     * database refuses the batch for a reason of its own, the events are recorded one by one, so that the one it
     * refuses is named and only that one is tried again or dead-lettered.
     */
    private void apply(List<Order> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            applied(transactions.execute(status -> record(events)));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw new BatchListenerFailedException("Database unreachable", e, 0);
            }
            log.warn("{} status events could not be recorded together; recording them one by one: {}",
                    events.size(), e.toString());
            for (int index = 0; index < events.size(); index++) {
                List<Order> one = List.of(events.get(index));
                try {
                    applied(transactions.execute(status -> record(one)));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException("Could not record the status event of order "
                            + events.get(index).orderId(), single, index);
                }
            }
        }
    }

    private Changes record(List<Order> events) {
        Map<String, OrderStatus> stored = orders.lockStatuses(events.stream().map(Order::orderId).toList());
        // Replays the events on what is stored: each order's last forward step is what its row takes.
        Map<String, Order> forward = new LinkedHashMap<>();
        List<Order> steps = new ArrayList<>();
        for (Order event : events) {
            Order reached = forward.get(event.orderId());
            OrderStatus current = reached != null ? reached.status() : stored.get(event.orderId());
            if (current == null || current.canMoveTo(event.status())) {
                forward.put(event.orderId(), event);
                steps.add(event);
            }
        }
        List<StoredOrder> changed = orders.saveStatuses(List.copyOf(forward.values()));
        // Even a status the order has moved past belongs in its history: it only arrived late.
        Set<String> seen = new HashSet<>();
        history.recordAll(events.stream()
                .filter(event -> seen.add(event.orderId() + " " + event.status()))
                .toList());
        return new Changes(changed, steps, events.size());
    }

    private void applied(Changes changes) {
        changes.orders().forEach(views::changed);
        for (Order step : changes.steps()) {
            statusChanges(step.status()).increment();
            log.debug("Order {} is now {}{}", step.orderId(), step.status(),
                    step.reason() == null ? "" : " (" + step.reason() + ")");
        }
        log.debug("{} of {} status events changed an order; the others were stale or repeated",
                changes.steps().size(), changes.events());
    }

    /** The event carries the whole order, so one placed straight on the orders topic gets a row here too. */
    private static Order order(OrderStatusChanged event) {
        return new Order(event.getOrderId(), event.getCustomerId(), OrderStatus.of(event.getStatus()),
                event.getReason(),
                event.getLines().stream().map(line -> new Order.Line(line.getProductId(), line.getQuantity())).toList(),
                event.getPlacedAt(), event.getChangedAt());
    }

    /** Why a record is no status event; neither is worth trying again (see the error handler's classification). */
    private static RuntimeException unreadable(ConsumerRecord<String, Object> record) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, deserializationLog);
        if (undecodable != null) {
            return undecodable;
        }
        return new MessageConversionException("Expected an OrderStatusChanged on " + record.topic() + ", got "
                + (record.value() == null ? "no value" : record.value().getClass().getSimpleName()));
    }

    private Counter statusChanges(OrderStatus status) {
        return Counter.builder("ordersaga.order.status.changes")
                .description("Order status changes recorded from the saga's events")
                .tag("status", status.name())
                .register(meters);
    }

    /**
     * @param orders the rows the batch changed, as stored now
     * @param steps each event that moved its order forward, in order
     */
    private record Changes(List<StoredOrder> orders, List<Order> steps, int events) {
    }
}
