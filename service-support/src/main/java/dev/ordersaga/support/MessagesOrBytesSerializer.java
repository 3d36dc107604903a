package dev.ordersaga.support;

import dev.ordersaga.messaging.AvroMessageSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * For templates that forward records as they came: a record that could not be decoded travels as its original
 * bytes, a decoded one as the order-saga message it is, a key as its string. Dead-letter and retry forwarding need
 * it; the application's own templates only ever send messages.
 */
public class MessagesOrBytesSerializer extends DelegatingByTypeSerializer {

    public MessagesOrBytesSerializer() {
        super(delegates(), true);
    }

    private static Map<Class<?>, Serializer<?>> delegates() {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(SpecificRecord.class, new AvroMessageSerializer<>());
        return byType;
    }
}
