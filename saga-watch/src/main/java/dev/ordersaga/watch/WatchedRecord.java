package dev.ordersaga.watch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One Kafka record of order-saga as people read it: where it is, when it was written, its key, and its value
 * decoded into JSON (see {@link RecordDecoder}).
 *
 * @param topic     the record's topic
 * @param partition its partition
 * @param offset    its offset in the partition
 * @param timestamp the record's timestamp (its producer's, or the broker's on a topic that logs append time);
 *                  {@code null} when it has none
 * @param key       the record key: the order id on every saga topic
 * @param type      the message type's simple name, e.g. {@code OrderPlaced}; {@code null} when the value is missing
 *                  or cannot be decoded
 * @param value     the message as {@code MessageJson.toTree} writes it ({@code {"@type": ..., fields...}}); {@code
 *                  null} when the value is missing or cannot be decoded
 * @param error     why the value cannot be decoded, or, for a dead letter, the exception its consumer recorded in
 *                  its headers; {@code null} for a healthy record
 * @param bytes     the size of the value as written, in bytes; -1 for a record without a value, or when unknown
 */
public record WatchedRecord(String topic, int partition, long offset, Instant timestamp, String key, String type,
                            ObjectNode value, String error, int bytes) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A record whose value's size is not known. */
    public WatchedRecord(String topic, int partition, long offset, Instant timestamp, String key, String type,
            ObjectNode value, String error) {
        this(topic, partition, offset, timestamp, key, type, value, error, -1);
    }

    /** Whether the record has a value that could not be decoded as an order-saga message. */
    public boolean undecodable() {
        return type == null && bytes >= 0;
    }

    /**
     * The record as one line of JSON: {@code {"time":"2026-01-31T12:00:00.123Z","topic":"orders","partition":3,
     * "offset":42,"key":"<order id>","value":{"@type":"OrderPlaced",...}}}, with {@code "bytes"} (the value's
     * size) when the value cannot be decoded and {@code "error"} when there is one.
     */
    public String toJsonLine() {
        ObjectNode json = NODES.objectNode();
        json.put("time", timestamp == null ? null : timestamp.toString());
        json.put("topic", topic);
        json.put("partition", partition);
        json.put("offset", offset);
        json.put("key", key);
        json.set("value", value == null ? NODES.nullNode() : value);
        if (undecodable()) {
            json.put("bytes", bytes);
        }
        if (error != null) {
            json.put("error", error);
        }
        return json.toString();
    }
}
