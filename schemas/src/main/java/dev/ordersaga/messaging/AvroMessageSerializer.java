package dev.ordersaga.messaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any generated message in Avro single-object encoding: {@code C3 01}, the 8-byte schema fingerprint,
 * then the Avro binary body. A reader that holds the schemas (the {@code schemas} jar) needs nothing else.
 */
public class AvroMessageSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    @Override
    public byte[] serialize(String topic, T message) {
        if (message == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoderFor(message).encode(message);
            return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                    buffer.arrayOffset() + buffer.limit());
        } catch (IOException e) {
            throw new SerializationException("Cannot encode " + message.getSchema().getFullName()
                    + " for topic " + topic, e);
        }
    }

    private BinaryMessageEncoder<SpecificRecord> encoderFor(SpecificRecord message) {
        return encoders.computeIfAbsent(message.getClass(),
                type -> new BinaryMessageEncoder<>(SpecificData.get(), message.getSchema()));
    }
}
