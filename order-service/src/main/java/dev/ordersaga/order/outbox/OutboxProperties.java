package dev.ordersaga.order.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay publishes.
 *
 * @param pollInterval how often the relay looks for messages nobody woke it for (left by a crash, by a failed
 *     publish, or by another instance); new orders wake it at once
 * @param batchSize the most messages claimed, sent and deleted in one transaction
 */
@ConfigurationProperties("orders.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("500") int batchSize) {
}
