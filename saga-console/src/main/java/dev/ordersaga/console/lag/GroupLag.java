package dev.ordersaga.console.lag;

import java.util.List;

/**
 * How far one consumer group is behind: per partition, the records committed to it (its last stable offset) that
 * the group has not committed as consumed; a partition the group has committed no offset for is not counted.
 *
 * @param group the group id; the saga orchestrator's is its Kafka Streams application id
 * @param state its state as the broker sees it, e.g. {@code Stable}, or {@code Empty} with no member running
 * @param lag over every partition it committed offsets of
 * @param topics the lag per topic, the most behind first
 */
public record GroupLag(String group, String state, long lag, List<TopicLag> topics) {

    public record TopicLag(String topic, long lag) {
    }
}
