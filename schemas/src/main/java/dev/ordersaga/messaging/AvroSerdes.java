package dev.ordersaga.messaging;

import java.util.List;
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

    /** A serde that reads only {@code types} (and writes any message): for a topic that carries those. */
    public static Serde<SpecificRecord> oneOf(List<Class<? extends SpecificRecord>> types) {
        return Serdes.serdeFrom(new AvroMessageSerializer<>(), AvroMessageDeserializer.acceptingOnly(types));
    }

    /** A serde for a topic that carries several message types. */
    public static Serde<SpecificRecord> anyMessage() {
        return of(SpecificRecord.class);
    }
}
