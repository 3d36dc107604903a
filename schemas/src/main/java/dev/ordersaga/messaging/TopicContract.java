package dev.ordersaga.messaging;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one order-saga topic carries: the message types of its values, what its key holds, and where its consumers
 * send the records they cannot take.
 *
 * @param topic the topic's name
 * @param kind what the topic is for, which tells the tools how to show it
 * @param key what the record key holds, e.g. "order id"
 * @param valueTypes every message type a value may be; anything else is a deserialization failure
 * @param deadLetterTopic where consumers of this topic send records they cannot decode or handle; empty for a
 *                        topic nobody consumes that way (a dead-letter topic, a changelog)
 * @param description one line for people: who writes it, who reads it
 */
public record TopicContract(String topic, Kind kind, String key, List<Class<? extends SpecificRecord>> valueTypes,
                            Optional<String> deadLetterTopic, String description) {

    public TopicContract {
        valueTypes = List.copyOf(valueTypes);
    }

    /** What a topic is for. */
    public enum Kind {
        /** Requests, commands and events of the saga: what a person watching the pipeline wants to see. */
        SAGA,
        /** inventory-service's retry topics of conflicting commands (one per backoff step). */
        RETRY,
        /** Records a consumer could not decode or handle: the original bytes or message, the error in headers. */
        DEAD_LETTER,
        /** The saga orchestrator's own bookkeeping: its heartbeats and its state store's changelog. */
        INTERNAL
    }

    /** The names of the value types, for people and tools: {@code [OrderPlaced, PaymentSubmitted, ...]}. */
    public List<String> valueTypeNames() {
        return valueTypes.stream().map(Class::getSimpleName).toList();
    }

    /** Whether a value of {@code type} belongs on this topic. */
    public boolean carries(Class<?> type) {
        return valueTypes.stream().anyMatch(accepted -> accepted.isAssignableFrom(type));
    }

    /** The same contract under another name: a retry topic carries what its source carries. */
    TopicContract named(String name, Kind newKind, String newDescription) {
        return new TopicContract(name, newKind, key, valueTypes, deadLetterTopic, newDescription);
    }
}
