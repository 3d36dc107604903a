package dev.ordersaga.messaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what {@link AvroMessageSerializer} writes. The fingerprint in the header picks the message type, so one
 * deserializer serves a topic that carries several types (e.g. inventory-events). A type the record's topic does
 * not carry ({@link TopicCatalogue}), or that the deserializer was not built for, is rejected like bytes that are
 * no message at all, and so is a missing value on a saga topic: such a record belongs in a dead-letter topic, not
 * in a handler, and no retry will make it right.
 */
public class AvroMessageDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;
    /** Topics whose consumers act on every record: a record without a value is a fault there. */
    private static final Set<TopicContract.Kind> REQUIRES_VALUE = Set.of(TopicContract.Kind.SAGA,
            TopicContract.Kind.RETRY);

    private final Class<T> expectedType;
    private final List<Class<? extends T>> acceptedTypes;
    private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();

    /**
     * Reads, on each topic, the message types the {@linkplain TopicCatalogue catalogue} declares for it (any
     * order-saga message on a topic it does not know); used where one deserializer serves every topic, e.g. a
     * Spring consumer factory or Kafka's configuration.
     */
    @SuppressWarnings("unchecked")
    public AvroMessageDeserializer() {
        this((Class<T>) SpecificRecord.class);
    }

    /** Reads only {@code expectedType}, on whatever topic (within what the topic carries). */
    public AvroMessageDeserializer(Class<T> expectedType) {
        this(expectedType, List.of(expectedType));
    }

    private AvroMessageDeserializer(Class<T> expectedType, List<Class<? extends T>> acceptedTypes) {
        this.expectedType = expectedType;
        this.acceptedTypes = acceptedTypes;
    }

    /** Reads what {@code topic} carries, as its contract in the {@link TopicCatalogue} declares. */
    public static AvroMessageDeserializer<SpecificRecord> forTopic(String topic) {
        TopicContract contract = TopicCatalogue.contractOf(topic).orElseThrow(() ->
                new IllegalArgumentException(topic + " is not in the topic catalogue"));
        return new AvroMessageDeserializer<>(SpecificRecord.class, contract.valueTypes());
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        Optional<TopicContract> contract = TopicCatalogue.contractOf(topic);
        if (data == null) {
            if (contract.map(TopicContract::kind).filter(REQUIRES_VALUE::contains).isPresent()) {
                throw new SerializationException("Record on " + topic + " has no value; it carries "
                        + String.join(" or ", contract.get().valueTypeNames()));
            }
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
            throw wrongType(topic, type, acceptedTypes.stream().map(Class::getSimpleName).toList());
        }
        if (contract.isPresent() && !contract.get().carries(type)) {
            throw wrongType(topic, type, contract.get().valueTypeNames());
        }
        try {
            return expectedType.cast(decoderFor(type).decode(data));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " on " + topic, e);
        }
    }

    private static SerializationException wrongType(String topic, Class<?> type, List<String> expected) {
        return new SerializationException("Record on " + topic + " is a " + type.getSimpleName()
                + ", which does not belong there; expected " + String.join(" or ", expected));
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
