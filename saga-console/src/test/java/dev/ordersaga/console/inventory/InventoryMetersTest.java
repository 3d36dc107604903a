package dev.ordersaga.console.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryMetersTest {

    private static final String SCRAPE = """
            # HELP ordersaga_inventory_conflicts_total Command attempts that ran into a concurrent change
            # TYPE ordersaga_inventory_conflicts_total counter
            ordersaga_inventory_conflicts_total{application="inventory-service",command="reserve",kind="version"} 7.0
            ordersaga_inventory_conflicts_total{application="inventory-service",command="release",kind="version"} 2.0
            ordersaga_inventory_conflicts_total{application="inventory-service",command="reserve",kind="lock"} 3.0
            ordersaga_inventory_immediate_retries_total{application="inventory-service",command="reserve"} 5.0
            ordersaga_inventory_retries_total{application="inventory-service",attempt="3"} 1.0
            ordersaga_inventory_retries_total{application="inventory-service",attempt="2"} 4.0
            ordersaga_inventory_retries_exhausted_total{application="inventory-service",command="reserve"} 1.0
            ordersaga_inventory_command_duration_seconds_count{application="inventory-service",command="reserve"} 99
            jvm_threads_live_threads{application="inventory-service"} 42.0
            """;

    @Test
    void shouldSumConflictsByKindAndRetriesByAttempt() {
        InventoryMeters meters = InventoryMeters.parse(SCRAPE);

        assertThat(meters.versionConflicts()).isEqualTo(9);
        assertThat(meters.lockConflicts()).isEqualTo(3);
        assertThat(meters.immediateRetries()).isEqualTo(5);
        assertThat(meters.retriesByAttempt()).containsExactly(new InventoryMeters.AttemptCount(2, 4),
                new InventoryMeters.AttemptCount(3, 1));
        assertThat(meters.retriesExhausted()).isEqualTo(1);
    }

    @Test
    void shouldCountCountersNotExportedYetAsZero() {
        InventoryMeters meters = InventoryMeters.parse("jvm_threads_live_threads 42.0\n");

        assertThat(meters).isEqualTo(new InventoryMeters(0, 0, 0, List.of(), 0));
    }

    @Test
    void shouldReadLabelValuesWithSpacesBracesAndEscapedQuotes() {
        PrometheusSample sample = PrometheusSample.parse(
                "ordersaga_inventory_dead_letters_total{exception=\"a \\\"b\\\" } c\",x=\"y\"} 2.0 1700000000");

        assertThat(sample.name()).isEqualTo("ordersaga_inventory_dead_letters_total");
        assertThat(sample.labels()).containsEntry("exception", "a \"b\" } c").containsEntry("x", "y");
        assertThat(sample.value()).isEqualTo(2.0);
        assertThat(PrometheusSample.parse("# TYPE x counter")).isNull();
        assertThat(PrometheusSample.parse("broken{a=\"b\" 1")).isNull();
    }
}
