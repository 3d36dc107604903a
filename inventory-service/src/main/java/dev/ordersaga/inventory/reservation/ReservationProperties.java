package dev.ordersaga.inventory.reservation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How orders are reserved, and how conflicting commands are retried. The defaults live here; application.yml sets
 * only what a deployment changes.
 *
 * @param strategy the {@link ReservationStrategy#name() name} of the strategy that guards stock writes:
 *     {@code optimistic} or {@code distributed-lock}
 * @param retry how a command that ran into a conflict is tried again, through retry topics
 * @param lock the distributed lock of the {@code distributed-lock} strategy
 */
@Validated
@ConfigurationProperties("inventory.reservation")
public record ReservationProperties(
        @DefaultValue("optimistic") @NotBlank String strategy,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Lock lock) {

    /**
     * First, a conflicted batch is run again at once, from a fresh read: the conflict means another write has just
     * committed, so this usually succeeds and costs one more transaction, not a trip through Kafka. Then
     * non-blocking retries: a command that still conflicted is republished to {@code inventory-commands-retry-<n>}
     * with the time it is due, and handled again once that time has passed; the partition it came from goes on
     * meanwhile. Short first delays keep an order's latency low when a conflict is a one-off; the growth spreads a
     * hot product's losers out.
     *
     * @param immediateRetries how often a conflicted batch is run again at once, within one delivery, before its
     *     conflicted commands count as a conflicted attempt; 0 sends every conflict to a retry topic
     * @param attempts how often a command is handled in total, the first time included; when the last attempt
     *     conflicts too, a reservation is rejected with CONFLICT_RETRIES_EXHAUSTED (a release or commit goes to
     *     the dead-letter topic)
     * @param delay the pause before the first retry
     * @param multiplier the factor by which each further pause grows
     * @param maxDelay the longest pause
     * @param jitter the random spread of each pause (scaled by the multiplier like the pause itself), drawn per
     *     command
     */
    public record Retry(
            @DefaultValue("4") @Min(0) int immediateRetries,
            @DefaultValue("5") @Min(1) int attempts,
            @DefaultValue("20ms") Duration delay,
            @DefaultValue("3.0") double multiplier,
            @DefaultValue("1s") Duration maxDelay,
            @DefaultValue("10ms") Duration jitter) {
    }

    /**
     * The lock the {@code distributed-lock} strategy takes per product; the defaults are those of the system it
     * replaces.
     *
     * @param waitTimeout how long one try waits for each product's lock
     * @param tries how often all of a batch's locks are tried for, one try right after the other, before its
     *     commands count as conflicted
     */
    public record Lock(
            @DefaultValue("2000ms") Duration waitTimeout,
            @DefaultValue("3") @Min(1) int tries) {
    }
}
