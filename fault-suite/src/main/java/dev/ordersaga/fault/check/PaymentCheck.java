package dev.ordersaga.fault.check;

import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messaging.AvroMessageDeserializer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * From {@code payment-events}: no order holds two authorisations. An authorisation is a payment id the provider
 * authorised and did not void; the provider answers a repeated command with the same payment id, so repeats are
 * one authorisation, and a second payment the saga no longer wants is voided.
 */
final class PaymentCheck {

    final Findings duplicates = new Findings("duplicate effect");

    void check(List<ConsumerRecord<byte[], byte[]>> paymentEvents, Set<String> orderIds) {
        AvroMessageDeserializer<SpecificRecord> deserializer = new AvroMessageDeserializer<>();
        Map<String, Set<String>> live = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : paymentEvents) {
            SpecificRecord event;
            try {
                event = deserializer.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                continue; // poison written by the suite itself
            }
            if (event instanceof PaymentAuthorized authorized && orderIds.contains(authorized.getOrderId())) {
                live.computeIfAbsent(authorized.getOrderId(), id -> new HashSet<>()).add(authorized.getPaymentId());
            } else if (event instanceof PaymentVoided voided && orderIds.contains(voided.getOrderId())) {
                live.computeIfAbsent(voided.getOrderId(), id -> new HashSet<>()).remove(voided.getPaymentId());
            }
        }
        live.forEach((orderId, payments) -> {
            if (payments.size() > 1) {
                duplicates.add(orderId + " holds authorisations " + payments);
            }
        });
    }
}
