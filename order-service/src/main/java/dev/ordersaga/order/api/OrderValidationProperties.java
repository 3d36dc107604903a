package dev.ordersaga.order.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what one order may ask for.
 *
 * @param maxLines the most lines (distinct products) in one order
 * @param maxQuantity the most units of one product in one order
 */
@ConfigurationProperties("orders.validation")
public record OrderValidationProperties(
        @DefaultValue("50") int maxLines,
        @DefaultValue("1000") int maxQuantity) {
}
