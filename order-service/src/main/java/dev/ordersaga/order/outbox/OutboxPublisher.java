package dev.ordersaga.order.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves one batch from the outbox to Kafka in one transaction: lock the relay, claim and delete the oldest
 * messages in one statement, send them all, flush once, await every acknowledgement, commit. A crash or a failed
 * send rolls the transaction back, and every message of the batch stays in the table for a later batch. A message
 * can therefore be published twice (acknowledged, then the batch failed or its commit did); readers of the orders
 * topic are idempotent per order id.
 *
 * <p>Each order's messages reach the topic in the order they were written: one transaction at a time relays,
 * whichever instance runs it (see {@link OutboxRepository#tryLockForRelaying()}), it sends the oldest messages in
 * id order through one idempotent producer and deletes them before the lock is released. A batch that failed is
 * sent again whole, in the same order, so an order's later message that was acknowledged after its earlier one
 * failed reaches the saga again after it.
 */
@Component
class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int ORDER_IDS_LOGGED = 10;

    private final OutboxRepository outbox;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Counter published;

    OutboxPublisher(OutboxRepository outbox, PlatformTransactionManager transactionManager,
            OutboxProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactionManager);
        this.batchSize = properties.batchSize();
        this.published = Counter.builder("ordersaga.outbox.published")
                .description("Outbox messages the broker acknowledged")
                .register(meters);
        Gauge.builder("ordersaga.outbox.pending", outbox, OutboxRepository::count)
                .description("Messages in the outbox not yet acknowledged by the broker")
                .register(meters);
    }

    /**
     * Publishes the oldest messages through {@code producer} and deletes them, or none if the broker did not
     * acknowledge every one; does nothing while another instance is relaying (that relay publishes them).
     */
    Batch publishNextBatch(Producer<String, byte[]> producer) {
        return transaction.execute(status -> {
            if (!outbox.tryLockForRelaying()) {
                return Batch.NONE;
            }
            List<OutboxMessage> claimed = outbox.claimOldest(batchSize);
            if (claimed.isEmpty()) {
                return Batch.NONE;
            }
            List<Future<RecordMetadata>> acks = claimed.stream().map(message -> send(producer, message)).toList();
            Throwable failure = flush(producer);
            int failed = 0;
            Set<String> failedOrderIds = new LinkedHashSet<>();
            for (int i = 0; i < claimed.size(); i++) {
                Throwable notAcknowledged = awaitAck(acks.get(i));
                if (notAcknowledged != null) {
                    failure = failure == null ? notAcknowledged : failure;
                    failed++;
                    failedOrderIds.add(claimed.get(i).key());
                }
            }
            if (failure != null) {
                status.setRollbackOnly();
                List<String> orderIds = List.copyOf(failedOrderIds);
                log.warn("Could not publish {} of {} outbox messages, orders {}{}; all {} stay in the outbox for the"
                                + " next round: {}", failed, claimed.size(),
                        orderIds.subList(0, Math.min(ORDER_IDS_LOGGED, orderIds.size())),
                        orderIds.size() > ORDER_IDS_LOGGED ? " and more" : "", claimed.size(),
                        String.valueOf(failure));
                return new Batch(claimed.size(), 0, false);
            }
            published.increment(claimed.size());
            return new Batch(claimed.size(), claimed.size(), claimed.size() == batchSize);
        });
    }

    /** The record carries the time its request was accepted: the saga judges payment deadlines by it. */
    private static Future<RecordMetadata> send(Producer<String, byte[]> producer, OutboxMessage message) {
        try {
            return producer.send(new ProducerRecord<>(message.topic(), null, message.createdAt().toEpochMilli(),
                    message.key(), message.payload()));
        } catch (KafkaException e) {
            // send() throws instead of failing the future when it cannot even queue the record.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sends every record of the batch now rather than after the producer's linger, and returns once the broker
     * answered each; null unless the relay was interrupted meanwhile (it is being stopped).
     */
    private static Throwable flush(Producer<String, byte[]> producer) {
        try {
            producer.flush();
            return null;
        } catch (KafkaException e) {
            return e;
        }
    }

    /** Null once the broker acknowledged the record, otherwise why it did not. */
    private static Throwable awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * What one batch did.
     *
     * @param claimed how many messages it took from the outbox
     * @param published how many of them it published and deleted: all, or none when the batch rolled back
     * @param moreWaiting a full batch went through, so more messages are probably waiting
     */
    record Batch(int claimed, int published, boolean moreWaiting) {

        static final Batch NONE = new Batch(0, 0, false);
    }
}
