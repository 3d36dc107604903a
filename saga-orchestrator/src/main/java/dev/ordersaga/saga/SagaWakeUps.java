package dev.ordersaga.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When each waiting saga wants its timer, as an index over the saga store: key {@code <epoch millis, 19 digits>:
 * <order id>}, so a range scan up to now finds exactly the due sagas, oldest first, without reading the sagas
 * that wait for nothing (most of them, once orders are final). Changelogged like the sagas, so timers survive a
 * restart or a move to another instance.
 */
class SagaWakeUps {

    /** Sorts after ':' and before any digit: the end of the keys of one millisecond. */
    private static final char AFTER_SEPARATOR = ';';

    private final KeyValueStore<String, String> index;

    SagaWakeUps(KeyValueStore<String, String> index) {
        this.index = index;
    }

    /** Moves the order's wake-up from {@code previous} to {@code next}; either may be null (none). */
    void move(String orderId, Instant previous, Instant next) {
        if (previous != null && previous.equals(next)) {
            return;
        }
        if (previous != null) {
            index.delete(key(previous, orderId));
        }
        if (next != null) {
            index.put(key(next, orderId), orderId);
        }
    }

    /** The wake-ups due at {@code now}, earliest first, at most {@code limit}. */
    List<WakeUp> due(Instant now, int limit) {
        List<WakeUp> due = new ArrayList<>();
        String upTo = String.format("%019d%c", now.toEpochMilli(), AFTER_SEPARATOR);
        try (KeyValueIterator<String, String> entries = index.range(null, upTo)) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                long at = Long.parseLong(entry.key.substring(0, entry.key.indexOf(':')));
                due.add(new WakeUp(Instant.ofEpochMilli(at), entry.value));
            }
        }
        return due;
    }

    /** Drops an entry that no saga stands behind any more (it never should; kept so a timer cannot loop). */
    void remove(WakeUp wakeUp) {
        index.delete(key(wakeUp.at(), wakeUp.orderId()));
    }

    record WakeUp(Instant at, String orderId) {
    }

    private static String key(Instant at, String orderId) {
        return String.format("%019d:%s", at.toEpochMilli(), orderId);
    }
}
