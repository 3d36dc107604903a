package dev.ordersaga.console.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.console.KafkaReading;
import dev.ordersaga.infra.InProcessKafkaBroker;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class ConsumerLagReaderTest {

    private final String bootstrapServers = TestInfrastructure.get().kafkaBootstrapServers();
    private final ConsumerLagReader reader = new ConsumerLagReader(new KafkaReading(kafkaProperties()));

    @AfterEach
    void close() {
        reader.destroy();
    }

    @Test
    void shouldCountTheCommittedRecordsAGroupHasNotConsumedOnEachOfItsPartitions() throws Exception {
        String topic = topicHolding(5, 3);
        String group = "console-lag-test-" + UUID.randomUUID();
        commit(group, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 3L));

        GroupLag lag = reader.read().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();

        assertThat(lag.lag()).isEqualTo(3);
        assertThat(lag.topics()).containsExactly(new GroupLag.TopicLag(topic, 3));
        assertThat(lag.state()).isEqualTo("Empty");
    }

    @Test
    void shouldListTheMostBehindGroupsFirst() throws Exception {
        String topic = topicHolding(4);
        String caughtUp = "console-lag-a-" + UUID.randomUUID();
        String behind = "console-lag-b-" + UUID.randomUUID();
        commit(caughtUp, Map.of(new TopicPartition(topic, 0), 4L));
        commit(behind, Map.of(new TopicPartition(topic, 0), 1L));

        List<String> order = reader.read().stream().map(GroupLag::group)
                .filter(g -> g.equals(caughtUp) || g.equals(behind)).toList();

        assertThat(order).containsExactly(behind, caughtUp);
    }

    /** A new topic with one partition per count, holding that many records. */
    private String topicHolding(int... recordsPerPartition) {
        String topic = "console-lag-" + UUID.randomUUID();
        InProcessKafkaBroker.createTopics(bootstrapServers,
                List.of(new NewTopic(topic, recordsPerPartition.length, (short) 1)));
        try (KafkaTestClient client = new KafkaTestClient(bootstrapServers)) {
            for (int partition = 0; partition < recordsPerPartition.length; partition++) {
                for (int i = 0; i < recordsPerPartition[partition]; i++) {
                    client.sendRaw(new ProducerRecord<>(topic, partition, "k", "v".getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return topic;
    }

    private void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(group, committed).all().get();
        }
    }

    private KafkaProperties kafkaProperties() {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(bootstrapServers));
        return properties;
    }
}
