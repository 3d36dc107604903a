package dev.ordersaga.inventory.seed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Demo products created at startup.
 *
 * @param products how many: {@code <prefix>1} to {@code <prefix>N}; 0 creates none
 * @param stock the available stock of each product created
 * @param prefix the start of each product id
 */
@Validated
@ConfigurationProperties("inventory.seed")
public record SeedProperties(
        @DefaultValue("0") @PositiveOrZero int products,
        @DefaultValue("1000") @PositiveOrZero int stock,
        @DefaultValue("p-") @NotBlank String prefix) {
}
