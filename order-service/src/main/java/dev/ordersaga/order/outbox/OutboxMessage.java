package dev.ordersaga.order.outbox;

/** A serialized message waiting in the outbox for the broker to acknowledge it. */
record OutboxMessage(long id, String topic, String key, byte[] payload) {
}
