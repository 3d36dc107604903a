package dev.ordersaga.inventory.reservation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How orders are reserved.
 *
 * @param strategy the {@link ReservationStrategy#name() name} of the strategy that reserves; {@code optimistic}
 * @param maxAttempts how often an order is tried in total when its stock keeps changing concurrently, before it is
 *     rejected with CONFLICT_RETRIES_EXHAUSTED
 * @param backoff the pause between attempts
 */
@Validated
@ConfigurationProperties("inventory.reservation")
public record ReservationProperties(
        @DefaultValue("optimistic") @NotBlank String strategy,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue @Valid Backoff backoff) {

    /**
     * Exponential backoff with jitter, so that orders which collided do not collide again in lockstep.
     *
     * @param initial the first pause
     * @param multiplier the factor by which each further pause grows
     * @param jitter the random spread around the first pause; it grows with the pause
     * @param max the longest pause
     */
    public record Backoff(
            @DefaultValue("5ms") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5ms") Duration jitter,
            @DefaultValue("200ms") Duration max) {
    }
}
