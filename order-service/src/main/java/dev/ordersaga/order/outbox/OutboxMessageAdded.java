package dev.ordersaga.order.outbox;

/** Published inside the transaction that added a message; the relay hears it once that transaction commits. */
record OutboxMessageAdded(String topic, String key) {
}
