package dev.ordersaga.messaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what {@link AvroMessageSerializer} writes. The fingerprint in the header picks the message type, so one
 * deserializer serves a topic that carries several types (e.g. inventory-events). When {@code expectedType} is
 * set, any other type is rejected: such a record belongs in a dead-letter topic, not in a handler.
 */
public class AvroMessageDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final Class<T> expectedType;
    private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();

    /** Accepts every order-saga message; used where Kafka instantiates the deserializer from configuration. */
    @SuppressWarnings("unchecked")
    public AvroMessageDeserializer() {
        this((Class<T>) SpecificRecord.class);
    }

    public AvroMessageDeserializer(Class<T> expectedType) {
        this.expectedType = expectedType;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != MAGIC[0] || data[1] != MAGIC[1]) {
            throw new SerializationException("Record on " + topic + " is not an Avro single-object encoded"
                    + " order-saga message (" + data.length + " bytes, no C3 01 header)");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Class<? extends SpecificRecord> type = MessageTypes.byFingerprint(fingerprint).orElseThrow(() ->
                new SerializationException("Record on " + topic + " has unknown schema fingerprint "
                        + Long.toHexString(fingerprint) + "; is the schemas jar older than the producer's?"));
        if (!expectedType.isAssignableFrom(type)) {
            throw new SerializationException("Record on " + topic + " is a " + type.getSimpleName()
                    + ", expected " + expectedType.getSimpleName());
        }
        try {
            return expectedType.cast(decoderFor(type).decode(data));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " on " + topic, e);
        }
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<? extends SpecificRecord> type) {
        return decoders.computeIfAbsent(type,
                t -> new BinaryMessageDecoder<>(SpecificData.get(), MessageTypes.schemaOf(type)));
    }
}
