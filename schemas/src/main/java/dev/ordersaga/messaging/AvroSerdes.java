package dev.ordersaga.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for Kafka Streams and for clients built in code. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde for exactly one message type. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(new AvroMessageSerializer<>(), new AvroMessageDeserializer<>(type));
    }

    /** A serde that reads what {@code topic} carries ({@link TopicCatalogue}) and writes any message. */
    public static Serde<SpecificRecord> forTopic(String topic) {
        return Serdes.serdeFrom(new AvroMessageSerializer<>(), AvroMessageDeserializer.forTopic(topic));
    }

    /** A serde for a topic that carries several message types. */
    public static Serde<SpecificRecord> anyMessage() {
        return of(SpecificRecord.class);
    }
}
