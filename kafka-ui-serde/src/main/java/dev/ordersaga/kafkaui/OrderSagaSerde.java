package dev.ordersaga.kafkaui;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.PropertyResolver;
import io.kafbat.ui.serde.api.SchemaDescription;
import io.kafbat.ui.serde.api.Serde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka UI's view of order-saga: the values of every topic of the {@link TopicCatalogue} (saga topics, retry
 * topics, dead-letter topics, the saga clock and the saga state changelog) as the JSON of their messages, keys as
 * text, and messages written as JSON produced to the saga topics. Kafka UI loads it from
 * {@code order-saga-kafka-ui-serde.jar} (see docker-compose.yml for its configuration).
 */
public class OrderSagaSerde implements Serde {

    private final AvroMessageDeserializer<SpecificRecord> deserializer = new AvroMessageDeserializer<>();
    private final AvroMessageSerializer<SpecificRecord> serializer = new AvroMessageSerializer<>();

    @Override
    public void configure(PropertyResolver serdeProperties, PropertyResolver clusterProperties,
            PropertyResolver globalProperties) {
        // Nothing to set: the topic catalogue and every schema travel in the jar.
    }

    @Override
    public Optional<String> getDescription() {
        return Optional.of("order-saga messages as JSON, named by \"@type\"; keys as text (order ids)");
    }

    /**
     * None: Kafka UI takes a serde's schema for a JSON Schema, to fill and check the "Produce message" form with,
     * so the topic's Avro schemas would only make every message fail that check. A message that does not fit is
     * refused with the reason when it is produced.
     */
    @Override
    public Optional<SchemaDescription> getSchema(String topic, Target target) {
        return Optional.empty();
    }

    @Override
    public boolean canDeserialize(String topic, Target target) {
        return TopicCatalogue.contractOf(topic).isPresent();
    }

    /** Only the saga topics: dead letters, retries and the orchestrator's own topics are written by the services. */
    @Override
    public boolean canSerialize(String topic, Target target) {
        return sagaTopic(topic).isPresent();
    }

    @Override
    public Serializer serializer(String topic, Target target) {
        TopicContract contract = sagaTopic(topic).orElseThrow(() -> new IllegalArgumentException(
                "order-saga messages are produced to the saga topics only, not to " + topic));
        if (target == Target.KEY) {
            return text -> text.getBytes(StandardCharsets.UTF_8);
        }
        return new MessageWriter(contract, serializer);
    }

    @Override
    public Deserializer deserializer(String topic, Target target) {
        if (target == Target.KEY) {
            return (headers, key) -> new DeserializeResult(new String(key, StandardCharsets.UTF_8),
                    DeserializeResult.Type.STRING, Map.of());
        }
        return new MessageReader(topic, deserializer);
    }

    private static Optional<TopicContract> sagaTopic(String topic) {
        return TopicCatalogue.contractOf(topic).filter(contract -> contract.kind() == TopicContract.Kind.SAGA);
    }
}
