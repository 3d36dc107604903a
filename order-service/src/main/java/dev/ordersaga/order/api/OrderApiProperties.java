package dev.ordersaga.order.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API as a whole.
 *
 * @param maxRequestBody the largest request body taken; a larger one is refused with 413 before it is parsed (an
 *     order of 50 lines is about 4 KB)
 */
@ConfigurationProperties("orders.api")
public record OrderApiProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}
