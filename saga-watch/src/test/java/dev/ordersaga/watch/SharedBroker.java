package dev.ordersaga.watch;

import dev.ordersaga.infra.InProcessKafkaBroker;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.TestInfrastructure;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The shared test broker as the watch sees it. */
final class SharedBroker {

    /** A retry topic as inventory-service creates it at start-up (the shared broker has the catalogue's topics). */
    static final String RETRY_TOPIC = Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX + "-0";

    private SharedBroker() {
    }

    static Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
    }

    static void createTopic(String topic) {
        InProcessKafkaBroker.createTopics(TestInfrastructure.get().kafkaBootstrapServers(),
                List.of(new NewTopic(topic, Topics.PARTITIONS, (short) 1)));
    }
}
