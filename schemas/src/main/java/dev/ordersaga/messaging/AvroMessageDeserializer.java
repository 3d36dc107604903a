package dev.ordersaga.messaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what {@link AvroMessageSerializer} writes. The fingerprint in the header picks the message type, so one
 * deserializer serves a topic that carries several types (e.g. inventory-events). When built for one type, or
 * for the set of types a topic carries, any other type is rejected: such a record belongs in a dead-letter
 * topic, not in a handler.
 */
public class AvroMessageDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final Class<T> expectedType;
    private final Set<Class<? extends T>> acceptedTypes;
    private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();

    /** Accepts every order-saga message; used where Kafka instantiates the deserializer from configuration. */
    @SuppressWarnings("unchecked")
    public AvroMessageDeserializer() {
        this((Class<T>) SpecificRecord.class);
    }

    public AvroMessageDeserializer(Class<T> expectedType) {
        this(expectedType, Set.of(expectedType));
    }

    private AvroMessageDeserializer(Class<T> expectedType, Set<Class<? extends T>> acceptedTypes) {
        this.expectedType = expectedType;
        this.acceptedTypes = acceptedTypes;
    }

    /** Reads only the given message types, e.g. those a topic is documented to carry. */
    public static AvroMessageDeserializer<SpecificRecord> acceptingOnly(
            List<Class<? extends SpecificRecord>> acceptedTypes) {
        return new AvroMessageDeserializer<>(SpecificRecord.class, Set.copyOf(acceptedTypes));
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
        if (acceptedTypes.stream().noneMatch(accepted -> accepted.isAssignableFrom(type))) {
            throw new SerializationException("Record on " + topic + " is a " + type.getSimpleName()
                    + ", expected " + acceptedTypes.stream().map(Class::getSimpleName).sorted()
                            .collect(Collectors.joining(" or ")));
        }
        try {
            return expectedType.cast(decoderFor(type).decode(data));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " on " + topic, e);
        }
    }

    private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<? extends SpecificRecord> type) {
        return decoders.computeIfAbsent(type, t -> {
            BinaryMessageDecoder<SpecificRecord> decoder =
                    new BinaryMessageDecoder<>(SpecificData.get(), MessageTypes.schemaOf(type));
            MessageTypes.earlierSchemasOf(type).forEach(decoder::addSchema);
            return decoder;
        });
    }
}
