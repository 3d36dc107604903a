package dev.ordersaga.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.inventory.InventoryCounterScrape;
import dev.ordersaga.loadtest.inventory.Invariants;
import java.util.List;
import java.util.Map;
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

    @Test
    void shouldCountTheShareOfPollsAnsweredNotModifiedOverSettledOrders() {
        var result = resultOf(List.of(
                new OrderOutcome("a", 0, 1_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of(), 3, 2),
                new OrderOutcome("b", 0, 2_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of(), 1, 0),
                OrderOutcome.notSettled("c", 0, "still PENDING after 60 s", List.of())));

        assertThat(result.notModifiedShare()).isEqualTo(0.5);
    }

    @Test
    void shouldDivideEachProcesssCpuTimeBySettledOrders() {
        var result = new WorkloadResult("optimistic", "hot", PollMode.SHORT, 1, "test", "closed loop", List.of(
                new OrderOutcome("a", 0, 1_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of()),
                new OrderOutcome("b", 0, 2_000_000, OrderOutcome.AWAITING_PAYMENT, null, List.of()),
                OrderOutcome.notSettled("c", 0, "still PENDING after 60 s", List.of())),
                new InventoryCounterScrape(0, 0, 0, 0, 0, 0, 0), new Invariants(List.of()),
                Map.of("order-service", 30.0));

        assertThat(result.cpuPerOrderMillis("order-service")).isEqualTo(15.0);
        assertThat(result.cpuPerOrderMillis("PostgreSQL")).isNaN();
    }

    private static WorkloadResult resultOf(List<OrderOutcome> outcomes) {
        return new WorkloadResult("optimistic", "hot", PollMode.SHORT, 1, "test", "closed loop", outcomes,
                new InventoryCounterScrape(0, 0, 0, 0, 0, 0, 0), new Invariants(List.of()), Map.of());
    }
}
