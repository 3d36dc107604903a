package dev.ordersaga.console.traffic;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import dev.ordersaga.watch.WatchedRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The records on every dead-letter topic, counted from the topics' beginning, and the latest few of them with the
 * error that sent them there. Counted record by record rather than from offsets: a transactional producer (the
 * saga orchestrator's dead-letter queue) leaves a commit marker at an offset of its own after each record.
 * Thread-safe.
 */
@Component
public class DeadLetterTally {

    /** Every dead-letter topic of the catalogue. */
    public static final List<String> TOPICS = TopicCatalogue.ALL.stream()
            .filter(contract -> contract.kind() == TopicContract.Kind.DEAD_LETTER).map(TopicContract::topic).toList();
    private static final int LATEST = 5;

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Deque<DeadLetter> latest = new ArrayDeque<>();

    public DeadLetterTally() {
        TOPICS.forEach(topic -> counts.put(topic, 0L));
    }

    public synchronized void record(List<WatchedRecord> records) {
        for (WatchedRecord record : records) {
            counts.merge(record.topic(), 1L, Long::sum);
            latest.addFirst(new DeadLetter(record.topic(), record.timestamp(), record.key(), record.type(),
                    record.error()));
            if (latest.size() > LATEST) {
                latest.removeLast();
            }
        }
    }

    /** Forgets what was counted, before the topics are read again from their beginning. */
    public synchronized void reset() {
        counts.replaceAll((topic, count) -> 0L);
        latest.clear();
    }

    public synchronized DeadLetters snapshot() {
        return new DeadLetters(Map.copyOf(counts).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new DeadLetterCount(entry.getKey(), entry.getValue())).toList(), List.copyOf(latest));
    }

    /** @param counts records per dead-letter topic, by name; @param latest the newest first */
    public record DeadLetters(List<DeadLetterCount> counts, List<DeadLetter> latest) {
    }

    public record DeadLetterCount(String topic, long records) {
    }

    /** @param type the message type, {@code null} when the value could not be decoded */
    public record DeadLetter(String topic, Instant time, String key, String type, String error) {
    }
}
