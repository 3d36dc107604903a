package dev.ordersaga.kafkaui;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.MessageJson;
import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.RecordHeaders;
import io.kafbat.ui.serde.api.Serde;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Shows a record value of one topic as the JSON of its message, with the message's type as a property. Bytes that
 * are no message the topic carries (a dead letter nobody could read, a producer's mistake) are described in text
 * instead: Kafka UI would otherwise fall back to showing them as a string, and say nothing of why.
 */
final class MessageReader implements Serde.Deserializer {

    /** How the text for a value that is no message of its topic begins. */
    static final String NOT_A_MESSAGE = "Not an order-saga message: ";
    /** The additional property that names the message's type. */
    static final String TYPE = "type";
    private static final int BYTES_SHOWN = 32;

    private final String topic;
    private final AvroMessageDeserializer<SpecificRecord> deserializer;

    MessageReader(String topic, AvroMessageDeserializer<SpecificRecord> deserializer) {
        this.topic = topic;
        this.deserializer = deserializer;
    }

    @Override
    public DeserializeResult deserialize(RecordHeaders headers, byte[] value) {
        try {
            SpecificRecord message = deserializer.deserialize(topic, value);
            if (message == null) {
                return text("No value");
            }
            return new DeserializeResult(MessageJson.toJson(message), DeserializeResult.Type.JSON,
                    Map.of(TYPE, message.getSchema().getName()));
        } catch (RuntimeException e) {
            return text(NOT_A_MESSAGE + reason(e) + " (" + describe(value) + ")");
        }
    }

    private static String reason(Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() == null ? reason : reason + ": " + reason(e.getCause());
    }

    private static String describe(byte[] value) {
        if (value == null) {
            return "no value";
        }
        String shown = HexFormat.ofDelimiter(" ").formatHex(value, 0, Math.min(value.length, BYTES_SHOWN));
        return value.length + " bytes: " + shown + (value.length > BYTES_SHOWN ? " ..." : "");
    }

    private static DeserializeResult text(String text) {
        return new DeserializeResult(text, DeserializeResult.Type.STRING, Map.of());
    }
}
