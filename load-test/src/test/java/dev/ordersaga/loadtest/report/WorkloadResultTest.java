package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.inventory.InventoryMetrics;
import dev.ordersaga.loadtest.inventory.Invariants;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadResultTest {

    @Test
    void shouldAveragePollsOverSettledOrdersOnly() {
        var result = resultOf(List.of(
                new OrderOutcome("a", 0, 1_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of(), 3),
                new OrderOutcome("b", 0, 2_000_000, OrderOutcome.FAILED, "OUT_OF_STOCK", List.of(), 5),
                OrderOutcome.notSettled("c", 0, "still PENDING after 60 s", List.of())));

        assertThat(result.pollsPerOrder()).isEqualTo(4.0);
    }

    @Test
    void shouldCountSettledOrdersPerSecondFromTheFirstSendToTheLastSettle() {
        var result = resultOf(List.of(
                new OrderOutcome("a", 0, 500_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of(), 1),
                new OrderOutcome("b", 250_000_000, 1_000_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of(), 1),
                OrderOutcome.notSettled("c", 0, "still PENDING after 60 s", List.of())));

        assertThat(result.ordersPerSecond()).isEqualTo(2.0);
    }

    private static WorkloadResult resultOf(List<OrderOutcome> outcomes) {
        return new WorkloadResult("optimistic", "hot", "test", "closed loop", outcomes,
                new InventoryMetrics(0, 0, 0, 0, 0, 0, 0), new Invariants(List.of()));
    }
}
