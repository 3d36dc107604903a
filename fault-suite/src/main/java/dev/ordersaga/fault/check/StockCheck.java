package dev.ordersaga.fault.check;

import dev.ordersaga.fault.workload.CustomerOrder;
import dev.ordersaga.loadtest.inventory.InventoryClient;
import dev.ordersaga.loadtest.inventory.StockLevel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per product, once every order is final: no unit sold twice (PAID units <= stock put), and inventory's books
 * balance: available + reserved + committed = stock put, reserved = 0 (no order awaits payment any more),
 * committed = the units of the PAID orders. An order placed whose 202 was lost to a crash may still hold a
 * reservation until its deadline, so the books get that long to balance.
 */
final class StockCheck {

    final Findings oversold = new Findings("oversold");
    final Findings off = new Findings("stock off");

    void check(InventoryClient inventory, Map<String, Integer> stockPut, List<CustomerOrder> orders,
               Duration settleWithin) {
        Map<String, Integer> paidUnits = new HashMap<>();
        orders.stream().filter(o -> "PAID".equals(o.status()))
                .forEach(o -> o.lines().forEach((product, units) -> paidUnits.merge(product, units, Integer::sum)));
        stockPut.forEach((product, put) -> {
            int paid = paidUnits.getOrDefault(product, 0);
            if (paid > put) {
                oversold.add(paid - put, product + ": " + paid + " units paid, " + put + " in stock");
            }
        });
        long deadline = System.nanoTime() + settleWithin.toNanos();
        Map<String, String> unbalanced;
        while (true) {
            unbalanced = unbalanced(inventory.stockOf(stockPut.keySet()), stockPut, paidUnits);
            if (unbalanced.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep();
        }
        unbalanced.values().forEach(off::add);
    }

    private static Map<String, String> unbalanced(Map<String, StockLevel> levels, Map<String, Integer> stockPut,
                                                  Map<String, Integer> paidUnits) {
        Map<String, String> unbalanced = new HashMap<>();
        stockPut.forEach((product, put) -> {
            StockLevel level = levels.get(product);
            int paid = paidUnits.getOrDefault(product, 0);
            if (level.total() != put || level.reserved() != 0 || level.committed() != paid) {
                unbalanced.put(product, "%s available %d + reserved %d + committed %d, stock put %d, PAID units %d"
                        .formatted(product, level.available(), level.reserved(), level.committed(), put, paid));
            }
        });
        return unbalanced;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
