package dev.ordersaga.order.view;

import dev.ordersaga.messaging.Topics;
import dev.ordersaga.support.OrderSagaKafkaProperties;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.stereotype.Component;

/**
 * The {@code order-status} partitions this instance consumes now. Only for their orders does it see every status
 * change as it is recorded; another instance records the rest.
 */
@Component
public class StatusPartitions {

    private final int partitions;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    StatusPartitions(OrderSagaKafkaProperties kafka) {
        this.partitions = kafka.partitions();
    }

    /** The partition of the order's status events: Kafka's default partitioner on the order id key. */
    public int of(String orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    void assigned(Collection<TopicPartition> assigned) {
        statusPartitions(assigned).forEach(owned::add);
    }

    /** @return the partitions no longer owned */
    Set<Integer> revoked(Collection<TopicPartition> revoked) {
        Set<Integer> gone = Set.copyOf(statusPartitions(revoked));
        owned.removeAll(gone);
        return gone;
    }

    private static java.util.List<Integer> statusPartitions(Collection<TopicPartition> topicPartitions) {
        return topicPartitions.stream()
                .filter(topicPartition -> Topics.ORDER_STATUS.equals(topicPartition.topic()))
                .map(TopicPartition::partition)
                .toList();
    }
}
