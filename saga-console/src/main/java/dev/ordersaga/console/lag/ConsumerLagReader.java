package dev.ordersaga.console.lag;

import dev.ordersaga.console.KafkaReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The lag of every consumer group on the broker, the services' and the saga orchestrator's (its application id)
 * among them, from three admin requests: the groups, their committed offsets, and the partitions' ends.
 */
@Component
public class ConsumerLagReader implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    public ConsumerLagReader(KafkaReading kafka) {
        this.admin = Admin.create(kafka.adminConfig());
    }

    /** Every consumer group, the most behind first, then by name. */
    public List<GroupLag> read() {
        Map<String, String> states = new TreeMap<>();
        for (GroupListing group : await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            states.put(group.groupId(), group.groupState().map(Object::toString).orElse("Unknown"));
        }
        if (states.isEmpty()) {
            return List.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        states.keySet().forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                await(admin.listConsumerGroupOffsets(specs).all());
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, Long> ends = ends(partitions);
        List<GroupLag> lags = new ArrayList<>();
        states.forEach((group, state) -> lags.add(lagOf(group, state, committed.getOrDefault(group, Map.of()), ends)));
        lags.sort(Comparator.comparingLong(GroupLag::lag).reversed().thenComparing(GroupLag::group));
        return lags;
    }

    static GroupLag lagOf(String group, String state, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> ends) {
        Map<String, Long> byTopic = new TreeMap<>();
        committed.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (offset != null && end != null) {
                byTopic.merge(partition.topic(), Math.max(0, end - offset.offset()), Long::sum);
            }
        });
        List<GroupLag.TopicLag> topics = byTopic.entrySet().stream()
                .map(entry -> new GroupLag.TopicLag(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(GroupLag.TopicLag::lag).reversed()).toList();
        return new GroupLag(group, state, topics.stream().mapToLong(GroupLag.TopicLag::lag).sum(), topics);
    }

    /** The last stable offsets: what read_committed consumers, as every service is, can reach. */
    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                ends.put(partition, await(result.partitionResult(partition)).offset());
            } catch (KafkaException e) {
                // A topic deleted since the group committed to it: nothing left to lag behind on.
            }
        }
        return ends;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while asking the broker", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("The broker did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
