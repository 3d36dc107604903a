package dev.ordersaga.watch;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The order in which an order's records tell its story: by timestamp; at one instant, by the topics' place in the
 * conversation ({@link TopicCatalogue#SAGA_TOPICS}), then by offset.
 *
 * <p>Ties are the rule, not the exception: the saga orchestrator stamps every message it sends with the timestamp
 * of the message it reacts to (so that a replay sends the same messages). At one instant, what it reads therefore
 * comes first: {@code PaymentAuthorized} before the {@code CommitInventory} it causes, although
 * {@code inventory-commands} comes earlier in the conversation than {@code payment-events}. Then what it sends,
 * then inventory-service's retries, then dead letters.
 */
final class ConversationOrder {

    static final Comparator<WatchedRecord> COMPARATOR = Comparator
            .comparing(WatchedRecord::timestamp, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingInt(record -> rank(record.topic()))
            .thenComparing(WatchedRecord::topic)
            .thenComparingLong(WatchedRecord::offset);

    private static final List<String> SAGA_TOPICS = TopicCatalogue.SAGA_TOPICS.stream().map(TopicContract::topic)
            .toList();
    private static final List<String> ALL_TOPICS = TopicCatalogue.ALL.stream().map(TopicContract::topic).toList();

    private static final int BAND = 100;
    private static final int LAST = 4 * BAND;

    private ConversationOrder() {
    }

    /** Lower first: the orchestrator's inputs, its outputs, retries, dead letters, anything else. */
    static int rank(String topic) {
        Optional<TopicContract> contract = TopicCatalogue.contractOf(topic);
        if (contract.isEmpty()) {
            return LAST;
        }
        return switch (contract.get().kind()) {
            case SAGA -> (readBySaga(contract.get()) ? 0 : BAND) + SAGA_TOPICS.indexOf(topic);
            case RETRY -> 2 * BAND;
            case DEAD_LETTER -> 3 * BAND + ALL_TOPICS.indexOf(topic);
            case INTERNAL -> LAST;
        };
    }

    /** The saga orchestrator reads the topics whose dead letters it writes: the requests and the services' answers. */
    private static boolean readBySaga(TopicContract contract) {
        return contract.deadLetterTopic().filter(Topics.SAGA_DLT::equals).isPresent();
    }
}
