package dev.ordersaga.order.outbox;

import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.AvroMessageSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a business transaction puts the messages it must publish. Writing the message in the same database
 * transaction as the change it announces means both happen or neither: no order without its OrderPlaced, and
 * no OrderPlaced for an order that was rolled back.
 */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final ApplicationEventPublisher events;
    private final AvroMessageSerializer<SpecificRecord> serializer = new AvroMessageSerializer<>();

    Outbox(OutboxRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Adds {@code message} to the caller's transaction; the relay publishes it as soon as that commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String topic, String key, SpecificRecord message) {
        repository.insert(topic, key, serializer.serialize(topic, stamped(message)));
        events.publishEvent(new OutboxMessageAdded(topic, key));
    }

    /**
     * An OrderPlaced written here announces an order that order-service stored, as PENDING, in this same
     * transaction: marked so, the saga does not announce that PENDING back to it.
     */
    private static SpecificRecord stamped(SpecificRecord message) {
        if (message instanceof OrderPlaced placed && !placed.getCreatedByOrderService()) {
            return OrderPlaced.newBuilder(placed).setCreatedByOrderService(true).build();
        }
        return message;
    }
}
