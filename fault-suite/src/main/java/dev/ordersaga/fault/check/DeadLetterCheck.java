package dev.ordersaga.fault.check;

import dev.ordersaga.fault.kafka.TopicAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Each dead-letter topic holds exactly the poison written for it during the scenario: every poison record once,
 * value unchanged, and nothing else (a valid message there would be one a service gave up on).
 */
final class DeadLetterCheck {

    final List<String> problems = new ArrayList<>();
    final Map<String, String> summary = new TreeMap<>();

    /** @param expectedKeys per dead-letter topic, the keys of the poison written for it */
    void check(List<ConsumerRecord<byte[], byte[]>> newDeadLetters, Map<String, List<String>> expectedKeys,
               List<String> deadLetterTopics) {
        for (String topic : deadLetterTopics) {
            List<String> expected = expectedKeys.getOrDefault(topic, List.of()).stream().sorted().toList();
            List<ConsumerRecord<byte[], byte[]>> found = newDeadLetters.stream()
                    .filter(r -> r.topic().equals(topic)).toList();
            List<String> foundKeys = found.stream()
                    .map(r -> r.key() == null ? "(no key)" : new String(r.key(), StandardCharsets.UTF_8))
                    .sorted().toList();
            summary.put(topic, expected.size() + " = " + found.size());
            if (!foundKeys.equals(expected)) {
                problems.add("dead letters: " + topic + " expected " + expected + ", found " + foundKeys);
            }
            for (ConsumerRecord<byte[], byte[]> r : found) {
                String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                if (expected.contains(key) && !Arrays.equals(r.value(), TopicAccess.poisonValue(key))) {
                    problems.add("dead letters: " + topic + " changed the value of " + key);
                }
            }
        }
    }

    String describe() {
        return String.join(", ", summary.entrySet().stream().map(e -> "`" + e.getKey() + "` " + e.getValue())
                .toList());
    }
}
