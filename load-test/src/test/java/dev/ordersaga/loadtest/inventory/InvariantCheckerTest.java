package dev.ordersaga.loadtest.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.workload.OrderLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvariantCheckerTest {

    private static final Map<String, Integer> PUT = Map.of("a", 10, "b", 5);
    private static final List<OrderOutcome> OUTCOMES = List.of(
            settled("o-1", OrderOutcome.AWAITING_PAYMENT, null, new OrderLine("a", 3), new OrderLine("b", 5)),
            settled("o-2", OrderOutcome.AWAITING_PAYMENT, null, new OrderLine("a", 2)),
            settled("o-3", OrderOutcome.FAILED, "OUT_OF_STOCK", new OrderLine("b", 1)));

    @Test
    void shouldPassWhenTheStockMatchesTheOrdersAwaitingPayment() {
        Invariants invariants = InvariantChecker.check(PUT, OUTCOMES, Map.of(
                "a", new StockLevel(5, 5, 0, 3), "b", new StockLevel(0, 5, 0, 2)));

        assertThat(invariants.passed()).isTrue();
        assertThat(invariants.verdict()).isEqualTo("PASS");
    }

    @Test
    void shouldFailOnOversellAndOnUnitsNotAccountedFor() {
        Invariants invariants = InvariantChecker.check(PUT, OUTCOMES, Map.of(
                "a", new StockLevel(5, 5, 0, 3), "b", new StockLevel(-1, 5, 0, 2)));

        assertThat(invariants.verdict()).isEqualTo("FAIL (no oversell, stock accounted)");
    }

    @Test
    void shouldFailWhenReservedDiffersFromTheOrdersAwaitingPayment() {
        Invariants invariants = InvariantChecker.check(PUT, OUTCOMES, Map.of(
                "a", new StockLevel(4, 6, 0, 3), "b", new StockLevel(0, 5, 0, 2)));

        assertThat(invariants.verdict()).isEqualTo("FAIL (reserved = awaiting payment)");
        assertThat(invariants.checks().get(2).detail()).contains("a reserved 6, orders awaiting payment hold 5");
    }

    @Test
    void shouldFailWhenAnOrderNeverSettled() {
        List<OrderOutcome> outcomes = List.of(OUTCOMES.get(0), OUTCOMES.get(1),
                OrderOutcome.notSettled("o-4", 1, "still PENDING after 60 s", List.of(new OrderLine("b", 1))));

        Invariants invariants = InvariantChecker.check(PUT, outcomes, Map.of(
                "a", new StockLevel(5, 5, 0, 3), "b", new StockLevel(0, 5, 0, 2)));

        assertThat(invariants.verdict()).isEqualTo("FAIL (no lost order)");
        assertThat(invariants.checks().get(3).detail()).contains("1 of 3", "o-4: still PENDING after 60 s");
    }

    private static OrderOutcome settled(String id, String status, String reason, OrderLine... lines) {
        return new OrderOutcome(id, 1, 2, status, reason, List.of(lines));
    }
}
