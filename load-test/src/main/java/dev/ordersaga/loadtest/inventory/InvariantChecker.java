package dev.ordersaga.loadtest.inventory;

import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.workload.OrderLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold once every order of a workload settled, for each of its products: nothing oversold, every unit
 * put in accounted for, exactly the units of the orders awaiting payment held as reserved, and no order left
 * undecided.
 */
public final class InvariantChecker {

    /** How many offending products a failed check names. */
    private static final int EXAMPLES = 3;

    private InvariantChecker() {
    }

    public static Invariants check(Map<String, Integer> stockPut, List<OrderOutcome> outcomes,
                                   Map<String, StockLevel> stockNow) {
        Map<String, Integer> reservedByOrders = new HashMap<>();
        for (OrderOutcome outcome : outcomes) {
            if (OrderOutcome.AWAITING_PAYMENT.equals(outcome.status())) {
                for (OrderLine line : outcome.lines()) {
                    reservedByOrders.merge(line.productId(), line.quantity(), Integer::sum);
                }
            }
        }
        List<String> oversold = new ArrayList<>();
        List<String> unaccounted = new ArrayList<>();
        List<String> misreserved = new ArrayList<>();
        for (var entry : stockPut.entrySet()) {
            String product = entry.getKey();
            StockLevel level = stockNow.get(product);
            if (level == null) {
                unaccounted.add(product + " missing");
                continue;
            }
            if (level.available() < 0) {
                oversold.add(product + " available " + level.available());
            }
            if (level.total() != entry.getValue()) {
                unaccounted.add("%s %d+%d+%d != %d".formatted(product, level.available(), level.reserved(),
                        level.committed(), entry.getValue()));
            }
            int expected = reservedByOrders.getOrDefault(product, 0);
            if (level.reserved() != expected) {
                misreserved.add("%s reserved %d, orders awaiting payment hold %d".formatted(product,
                        level.reserved(), expected));
            }
        }
        long notSettled = outcomes.stream().filter(o -> !o.settled()).count();
        String firstLost = outcomes.stream().filter(o -> !o.settled()).findFirst()
                .map(o -> "e.g. " + o.orderId() + ": " + o.reason()).orElse("");
        return new Invariants(List.of(
                check("no oversell", oversold, "available >= 0 for all " + stockPut.size() + " products"),
                check("stock accounted", unaccounted, "available + reserved + committed = stock put"),
                check("reserved = awaiting payment", misreserved,
                        "reserved = units of the orders awaiting payment"),
                new Invariants.Check("no lost order", notSettled == 0, notSettled == 0
                        ? "all " + outcomes.size() + " orders settled"
                        : notSettled + " of " + outcomes.size() + " orders not settled; " + firstLost)));
    }

    private static Invariants.Check check(String name, List<String> offenders, String whenPassed) {
        if (offenders.isEmpty()) {
            return new Invariants.Check(name, true, whenPassed);
        }
        return new Invariants.Check(name, false, offenders.size() + " products, e.g. "
                + String.join("; ", offenders.subList(0, Math.min(EXAMPLES, offenders.size()))));
    }
}
