package dev.ordersaga.order.view;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code GET /orders/{orderId}} is answered from memory.
 *
 * @param maxCached the most orders held in memory; one is about 1 KB. The least used go first, and a read of an
 *     order no longer held goes to the database
 * @param maxWait the longest a client may ask to wait for a change ({@code Prefer: wait=N}); longer asks are cut
 *     to this
 * @param databasePollInterval how often a waiting request re-reads the database when this instance does not
 *     consume the order's status events itself
 */
@ConfigurationProperties("orders.view")
public record OrderViewProperties(
        @DefaultValue("100000") long maxCached,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("150ms") Duration databasePollInterval) {
}
