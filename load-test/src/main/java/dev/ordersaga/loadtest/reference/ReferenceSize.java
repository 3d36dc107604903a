package dev.ordersaga.loadtest.reference;

import java.time.Duration;

/**
 * How much work the reference measurements do: the full size for a report, a tiny one for the smoke test.
 *
 * @param roundTrips sequential produce-to-consume round trips
 * @param records records in the Kafka throughput test
 * @param dbDuration how long each PostgreSQL update test runs
 * @param dbThreads connections updating at once
 */
public record ReferenceSize(int roundTrips, int records, Duration dbDuration, int dbThreads) {

    public static final ReferenceSize FULL = new ReferenceSize(1000, 200_000, Duration.ofSeconds(5), 8);
    public static final ReferenceSize SMALL = new ReferenceSize(50, 2_000, Duration.ofMillis(500), 8);
}
