package dev.ordersaga.loadtest.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run's input: the products it owns with the stock to put, the orders in the order they are placed,
 * and how they are offered. Product ids carry a prefix unique to the run, so workloads never share stock.
 *
 * @param name as given to {@code --workloads}, e.g. {@code hot}
 * @param description one line for the report
 */
public record Workload(String name, String description, Map<String, Integer> stock, List<PlannedOrder> orders,
                       Load load) {

    public Workload {
        stock = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stock));
        orders = List.copyOf(orders);
    }

    /** Units asked for per product over all orders: what stock sizing and the invariants are computed from. */
    public static Map<String, Integer> demand(List<PlannedOrder> orders) {
        Map<String, Integer> demand = new LinkedHashMap<>();
        for (PlannedOrder order : orders) {
            for (OrderLine line : order.lines()) {
                demand.merge(line.productId(), line.quantity(), Integer::sum);
            }
        }
        return demand;
    }
}
