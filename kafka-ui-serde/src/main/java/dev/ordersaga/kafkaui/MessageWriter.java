package dev.ordersaga.kafkaui;

import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.MessageJson;
import dev.ordersaga.messaging.TopicContract;
import io.kafbat.ui.serde.api.Serde;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a message written as JSON ({@link MessageJson}'s form, {@code "@type"} left out where the topic carries
 * one type) into the Avro bytes the services read. JSON that is no message of the topic is refused with what is
 * wrong, which Kafka UI shows.
 */
final class MessageWriter implements Serde.Serializer {

    private final TopicContract contract;
    private final AvroMessageSerializer<SpecificRecord> serializer;

    MessageWriter(TopicContract contract, AvroMessageSerializer<SpecificRecord> serializer) {
        this.contract = contract;
        this.serializer = serializer;
    }

    @Override
    public byte[] serialize(String json) {
        SpecificRecord message;
        try {
            message = MessageJson.fromJson(json, contract.valueTypes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a message for " + contract.topic() + " ("
                    + String.join(", ", contract.valueTypeNames()) + "): " + e.getMessage(), e);
        }
        return serializer.serialize(contract.topic(), message);
    }
}
