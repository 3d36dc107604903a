package dev.ordersaga.console;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * How the console's Kafka clients connect: {@code spring.kafka.*} (bootstrap servers, security), with waits short
 * enough that a broker that is away shows on the page within seconds instead of a minute.
 */
@Component
public class KafkaReading {

    private static final int API_TIMEOUT_MS = 10_000;
    private static final int REQUEST_TIMEOUT_MS = 5_000;

    private final KafkaProperties properties;

    public KafkaReading(KafkaProperties properties) {
        this.properties = properties;
    }

    /**
     * For the watch's consumers, which take no group (they are assigned partitions).
     *
     * @param purpose names the consumer in the broker's logs and metrics: {@code saga-console-<purpose>}
     */
    public Map<String, Object> consumerConfig(String purpose) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "saga-console-" + purpose);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        return config;
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "saga-console-admin");
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        return config;
    }
}
