package dev.ordersaga.order.outbox;

import java.time.Instant;

/**
 * A serialized message waiting in the outbox for the broker to acknowledge it.
 *
 * @param createdAt when the transaction that wrote it began: when its request was accepted
 */
record OutboxMessage(long id, String topic, String key, byte[] payload, Instant createdAt) {
}
