package dev.ordersaga.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * order-saga messages as JSON for people: {@code {"@type": "OrderPlaced", "orderId": "...", ...}}, with the type's
 * name first, the fields in schema order, enums as their names, timestamps as ISO-8601 instants and optional
 * fields as their value or {@code null} (not Avro's {@code {"string": ...}} union wrappers). It reads the same
 * form back into a message, so a person can write one by hand; a timestamp may then also be epoch milliseconds,
 * and a field with a default may be left out.
 */
public final class MessageJson {

    /** The member of a message's JSON that names its type. */
    public static final String TYPE = "@type";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Picks the branch of a union a value is: an optional timestamp holds an Instant, which plain Avro does not know. */
    private static final GenericData UNIONS = new GenericData();

    static {
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private MessageJson() {
    }

    /** {@code message} as one line of JSON. */
    public static String toJson(SpecificRecord message) {
        return toTree(message).toString();
    }

    /** {@code message} as a JSON object: {@value #TYPE} first, then its fields. */
    public static ObjectNode toTree(SpecificRecord message) {
        ObjectNode json = NODES.objectNode();
        json.put(TYPE, message.getSchema().getName());
        fields(message, json);
        return json;
    }

    /**
     * Reads a message written as {@link #toJson} writes it. {@value #TYPE} may be left out where
     * {@code allowedTypes} holds just one type.
     *
     * @throws IllegalArgumentException saying what is wrong, when the text is no such message
     */
    public static SpecificRecord fromJson(String json, List<Class<? extends SpecificRecord>> allowedTypes) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("A message is a JSON object, e.g. {\"" + TYPE + "\": \""
                    + allowedTypes.get(0).getSimpleName() + "\", ...}");
        }
        Class<? extends SpecificRecord> type = typeOf(tree, allowedTypes);
        Schema schema = MessageTypes.schemaOf(type);
        Object message = read(tree, schema, schema.getName());
        return type.cast(message);
    }

    private static Class<? extends SpecificRecord> typeOf(JsonNode tree,
            List<Class<? extends SpecificRecord>> allowedTypes) {
        List<String> names = allowedTypes.stream().map(Class::getSimpleName).toList();
        JsonNode named = tree.get(TYPE);
        if (named == null) {
            if (allowedTypes.size() == 1) {
                return allowedTypes.get(0);
            }
            throw new IllegalArgumentException("Say which message this is: \"" + TYPE + "\": one of " + names);
        }
        return allowedTypes.stream().filter(type -> type.getSimpleName().equals(named.asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + TYPE + "\": \"" + named.asText()
                        + "\" does not belong here; one of " + names));
    }

    private static void fields(IndexedRecord record, ObjectNode json) {
        for (Schema.Field field : record.getSchema().getFields()) {
            json.set(field.name(), write(record.get(field.pos()), field.schema()));
        }
    }

    private static JsonNode write(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return write(value, schema.getTypes().get(UNIONS.resolveUnion(schema, value)));
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode json = NODES.objectNode();
                fields((IndexedRecord) value, json);
                yield json;
            }
            case ARRAY -> {
                ArrayNode json = NODES.arrayNode();
                ((Collection<?>) value).forEach(item -> json.add(write(item, schema.getElementType())));
                yield json;
            }
            case MAP -> {
                ObjectNode json = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, item) -> json.set(key.toString(),
                        write(item, schema.getValueType())));
                yield json;
            }
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> isTimestamp(schema) ? NODES.textNode(Instant.ofEpochMilli((Long) value).toString())
                    : NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> NODES.binaryNode(toBytes((java.nio.ByteBuffer) value));
            default -> NODES.textNode(value.toString()); // STRING, ENUM, FIXED
        };
    }

    private static Object read(JsonNode json, Schema schema, String path) {
        if (schema.getType() == Schema.Type.UNION) {
            if (json == null || json.isNull()) {
                if (schema.getTypes().stream().anyMatch(type -> type.getType() == Schema.Type.NULL)) {
                    return null;
                }
                throw new IllegalArgumentException(path + " must not be null");
            }
            List<String> problems = new ArrayList<>();
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    continue;
                }
                try {
                    return read(json, branch, path);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (json == null || json.isNull()) {
            throw new IllegalArgumentException(path + " is missing");
        }
        return switch (schema.getType()) {
            case RECORD -> readRecord(json, schema, path);
            case ARRAY -> {
                expect(json.isArray(), path, "an array");
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(read(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                yield items;
            }
            case STRING -> {
                expect(json.isTextual(), path, "a string");
                yield json.asText();
            }
            case ENUM -> {
                expect(json.isTextual() && schema.getEnumSymbols().contains(json.asText()), path,
                        "one of " + schema.getEnumSymbols());
                yield SpecificData.get().createEnum(json.asText(), schema);
            }
            case INT -> {
                expect(json.isInt(), path, "a whole number");
                yield json.intValue();
            }
            case LONG -> isTimestamp(schema) ? readInstant(json, path) : readLong(json, path);
            case DOUBLE, FLOAT -> {
                expect(json.isNumber(), path, "a number");
                yield schema.getType() == Schema.Type.DOUBLE ? (Object) json.doubleValue() : json.floatValue();
            }
            case BOOLEAN -> {
                expect(json.isBoolean(), path, "true or false");
                yield json.booleanValue();
            }
            default -> throw new IllegalArgumentException(path + ": " + schema.getType() + " cannot be written"
                    + " as JSON here");
        };
    }

    private static Object readRecord(JsonNode json, Schema schema, String path) {
        expect(json.isObject(), path, "an object");
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            String fieldPath = path + "." + field.name();
            if (value == null && field.hasDefaultValue()) {
                record.put(field.pos(), SpecificData.get().deepCopy(field.schema(),
                        SpecificData.get().getDefaultValue(field)));
            } else {
                record.put(field.pos(), read(value, field.schema(), fieldPath));
            }
        }
        Optional<String> unknown = names(json).stream()
                .filter(name -> !name.equals(TYPE) && schema.getField(name) == null).findFirst();
        if (unknown.isPresent()) {
            throw new IllegalArgumentException(path + " has no field \"" + unknown.get() + "\"; its fields are "
                    + schema.getFields().stream().map(Schema.Field::name).toList());
        }
        return record;
    }

    private static Object readInstant(JsonNode json, String path) {
        if (json.isIntegralNumber()) {
            return Instant.ofEpochMilli(json.longValue());
        }
        try {
            expect(json.isTextual(), path, "an instant such as \"2026-01-31T12:00:00Z\" or epoch milliseconds");
            return Instant.parse(json.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + " must be an instant such as \"2026-01-31T12:00:00Z\"");
        }
    }

    private static long readLong(JsonNode json, String path) {
        expect(json.isIntegralNumber(), path, "a whole number");
        return json.longValue();
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    private static void expect(boolean condition, String path, String what) {
        if (!condition) {
            throw new IllegalArgumentException(path + " must be " + what);
        }
    }

    private static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] toBytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
