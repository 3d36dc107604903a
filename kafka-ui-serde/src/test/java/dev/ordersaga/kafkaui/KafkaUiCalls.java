package dev.ordersaga.kafkaui;

import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.PropertyResolver;
import io.kafbat.ui.serde.api.RecordHeader;
import io.kafbat.ui.serde.api.RecordHeaders;
import io.kafbat.ui.serde.api.Serde;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The serde as Kafka UI drives it: configured with its property resolvers, then asked per topic and target. */
final class KafkaUiCalls {

    /** The serde's properties when none are set: what Kafka UI passes for a serde configured without any. */
    static final PropertyResolver NO_PROPERTIES = new PropertyResolver() {
        @Override
        public <T> Optional<T> getProperty(String key, Class<T> targetType) {
            return Optional.empty();
        }

        @Override
        public <T> Optional<List<T>> getListProperty(String key, Class<T> itemType) {
            return Optional.empty();
        }

        @Override
        public <K, V> Optional<Map<K, V>> getMapProperty(String key, Class<K> keyType, Class<V> valueType) {
            return Optional.empty();
        }
    };

    private static final RecordHeaders NO_HEADERS = Collections::emptyIterator;

    private final Serde serde;

    private KafkaUiCalls(Serde serde) {
        this.serde = serde;
    }

    static KafkaUiCalls configure(Serde serde) {
        serde.configure(NO_PROPERTIES, NO_PROPERTIES, NO_PROPERTIES);
        return new KafkaUiCalls(serde);
    }

    Serde serde() {
        return serde;
    }

    DeserializeResult value(String topic, byte[] value) {
        return serde.deserializer(topic, Serde.Target.VALUE).deserialize(NO_HEADERS, value);
    }

    /** A value with headers, e.g. a dead letter's error headers. */
    DeserializeResult value(String topic, Map<String, String> headers, byte[] value) {
        List<RecordHeader> list = headers.entrySet().stream().map(header -> (RecordHeader) new RecordHeader() {
            @Override
            public String key() {
                return header.getKey();
            }

            @Override
            public byte[] value() {
                return header.getValue().getBytes(StandardCharsets.UTF_8);
            }
        }).toList();
        return serde.deserializer(topic, Serde.Target.VALUE).deserialize(list::iterator, value);
    }

    DeserializeResult key(String topic, String key) {
        return serde.deserializer(topic, Serde.Target.KEY).deserialize(NO_HEADERS,
                key.getBytes(StandardCharsets.UTF_8));
    }

    byte[] produceValue(String topic, String json) {
        return serde.serializer(topic, Serde.Target.VALUE).serialize(json);
    }

    byte[] produceKey(String topic, String key) {
        return serde.serializer(topic, Serde.Target.KEY).serialize(key);
    }
}
