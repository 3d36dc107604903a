package dev.ordersaga.loadtest.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InventoryCounterScrapeTest {

    private static final String BEFORE = """
            # HELP ordersaga_inventory_conflicts_total attempts that met a concurrent change
            # TYPE ordersaga_inventory_conflicts_total counter
            ordersaga_inventory_conflicts_total{application="inventory-service",command="reserve",kind="version"} 3.0
            ordersaga_inventory_conflicts_total{application="inventory-service",command="release",kind="version"} 1.0
            ordersaga_inventory_retries_total{application="inventory-service",attempt="2"} 4.0
            ordersaga_inventory_lock_wait_seconds_count{application="inventory-service",outcome="acquired"} 10
            ordersaga_inventory_lock_wait_seconds_sum{application="inventory-service",outcome="acquired"} 0.5
            ordersaga_inventory_lock_wait_seconds_max{application="inventory-service",outcome="acquired"} 0.2
            jvm_threads_live_threads{application="inventory-service"} 42.0
            """;

    private static final String AFTER = BEFORE
            .replace("kind=\"version\"} 3.0", "kind=\"version\"} 13.0")
            .replace("attempt=\"2\"} 4.0", "attempt=\"2\"} 9.0\n"
                    + "ordersaga_inventory_retries_total{application=\"inventory-service\",attempt=\"3\"} 2.0")
            .replace("outcome=\"acquired\"} 10", "outcome=\"acquired\"} 30")
            .replace("outcome=\"acquired\"} 0.5", "outcome=\"acquired\"} 2.5")
            + "ordersaga_inventory_retries_exhausted_total{application=\"inventory-service\",command=\"reserve\"} 1.0\n"
            + "ordersaga_inventory_immediate_retries_total{application=\"inventory-service\",command=\"reserve\"} 6.0\n";

    @Test
    void shouldSumEachMetricOverItsTags() {
        InventoryCounterScrape metrics = InventoryCounterScrape.parse(BEFORE);

        assertThat(metrics.conflicts()).isEqualTo(4);
        assertThat(metrics.retries()).isEqualTo(4);
        assertThat(metrics.lockWaits()).isEqualTo(10);
        assertThat(metrics.lockWaitMaxSeconds()).isEqualTo(0.2);
    }

    @Test
    void shouldCountWhatHappenedBetweenTwoScrapesWithAbsentCountersAsZero() {
        InventoryCounterScrape during = InventoryCounterScrape.parse(AFTER).since(InventoryCounterScrape.parse(BEFORE));

        assertThat(during).isEqualTo(new InventoryCounterScrape(10, 6, 7, 1, 2.0, 20, 0.2));
        assertThat(during.meanLockWaitMillis()).isEqualTo(100);
    }

    @Test
    void shouldReadLabelValuesWithSpacesAndIgnoreComments() {
        String text = "# a comment 5\nordersaga_inventory_conflicts_total{exception=\"a b } c\"} 2.0\n";

        assertThat(InventoryCounterScrape.parse(text).conflicts()).isEqualTo(2);
    }
}
