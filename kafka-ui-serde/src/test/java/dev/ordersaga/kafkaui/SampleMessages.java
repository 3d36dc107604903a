package dev.ordersaga.kafkaui;

import dev.ordersaga.messaging.MessageTypes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** A message of any type with every field set, built from its schema: a new type or field is covered as it comes. */
final class SampleMessages {

    static final Instant AT = Instant.parse("2026-12-04T10:15:30.123Z");

    private SampleMessages() {
    }

    static SpecificRecord of(Class<? extends SpecificRecord> type) {
        return (SpecificRecord) sample(MessageTypes.schemaOf(type), type.getSimpleName());
    }

    private static Object sample(Schema schema, String name) {
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                schema.getFields().forEach(field -> record.put(field.pos(), sample(field.schema(), field.name())));
                yield record;
            }
            case UNION -> sample(schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), name);
            case ARRAY -> List.of(sample(schema.getElementType(), name));
            case MAP -> Map.of(name, sample(schema.getValueType(), name));
            case ENUM -> SpecificData.get().createEnum(schema.getEnumSymbols().get(0), schema);
            case STRING -> name + "-1";
            case INT -> 2;
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? AT : (Object) 3L;
            case DOUBLE -> 4.5;
            case FLOAT -> 5.5f;
            case BOOLEAN -> true;
            case BYTES -> ByteBuffer.wrap(new byte[] {6});
            default -> throw new IllegalArgumentException("No sample of " + schema.getType() + " (" + name + ")");
        };
    }
}
