package dev.ordersaga.loadtest.workload;

import java.util.List;

/** An order a client will place; planned up front from a seeded Random, so a run can be repeated exactly. */
public record PlannedOrder(List<OrderLine> lines) {

    public PlannedOrder {
        lines = List.copyOf(lines);
    }

    public static PlannedOrder of(String productId, int quantity) {
        return new PlannedOrder(List.of(new OrderLine(productId, quantity)));
    }
}
