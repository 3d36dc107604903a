package dev.ordersaga.watch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumers the watch reads with: raw values (so that it can show what no one can decode), committed records
 * only (what the services act on), and no consumer group: partitions are assigned, not subscribed, so watching
 * commits no offsets, leaves no lag behind and never rebalances the services' groups.
 */
final class WatchConsumers {

    private static final Duration DEFAULT_API_TIMEOUT = Duration.ofMinutes(1);

    private WatchConsumers() {
    }

    static KafkaConsumer<String, byte[]> create(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "saga-watch");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** How long the consumer waits for the broker in a blocking call: its {@code default.api.timeout.ms}. */
    static Duration apiTimeout(Map<String, Object> consumerConfig) {
        Object configured = consumerConfig.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        return configured == null ? DEFAULT_API_TIMEOUT
                : Duration.ofMillis(Long.parseLong(configured.toString()));
    }
}
