package dev.ordersaga.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings shared by the order-saga services.
 *
 * @param partitions partitions of every order-saga topic (the saga's inputs must match each other)
 * @param replicationFactor replication factor of every order-saga topic; 1 for a single local broker
 * @param handlerAttempts how often a listener tries a record that failed for a reason other than decoding
 */
@ConfigurationProperties("ordersaga.kafka")
public record OrderSagaKafkaProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int handlerAttempts) {
}
