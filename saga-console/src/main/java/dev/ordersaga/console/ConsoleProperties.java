package dev.ordersaga.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the console watches and how much it keeps (values in application.yml).
 *
 * @param orderServiceUrl where orders are placed ({@code POST /orders})
 * @param inventoryServiceUrl where stock ({@code GET /inventory}) and contention counters
 *     ({@code GET /actuator/prometheus}) are read
 * @param snapshotInterval how often the browser gets a snapshot (its schedule reads the property itself)
 * @param pollInterval how often stock, counters and consumer lag are read again (likewise)
 * @param httpTimeout how long a call to a service may take before the console shows it as unavailable
 * @param trackedOrders how many orders the console remembers the status of; the oldest seen is forgotten first
 * @param recentOrders how many of the newest orders the page lists
 * @param latencySamples how many of the latest settled orders the percentiles of the time to settle cover
 * @param rateWindow the window over which orders per second are averaged
 * @param maxBurstRate the most orders per second a burst may place
 */
@ConfigurationProperties("console")
public record ConsoleProperties(URI orderServiceUrl, URI inventoryServiceUrl, Duration snapshotInterval,
                                Duration pollInterval, Duration httpTimeout, int trackedOrders, int recentOrders,
                                int latencySamples, Duration rateWindow, int maxBurstRate) {

    public ConsoleProperties {
        requirePositive("tracked-orders", trackedOrders);
        requirePositive("recent-orders", recentOrders);
        requirePositive("latency-samples", latencySamples);
        requirePositive("max-burst-rate", maxBurstRate);
        requirePositive("snapshot-interval", snapshotInterval);
        requirePositive("poll-interval", pollInterval);
        requirePositive("http-timeout", httpTimeout);
        if (rateWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("console.rate-window must be at least 1s, was " + rateWindow);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("console." + name + " must be longer than 0, was " + value);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("console." + name + " must be at least 1, was " + value);
        }
    }
}
