package dev.ordersaga.messaging;

import dev.ordersaga.messages.OrderLine;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an order's lines reservable, in one place for every reader of {@code OrderPlaced} and
 * {@code ReserveInventory}: at least one line, no blank product id, positive quantities, each product once.
 * A product on two lines is refused because "reserve all or nothing" is ambiguous for it.
 */
public final class OrderLines {

    private OrderLines() {
    }

    /** Why the lines cannot be reserved, or empty when they can. */
    public static Optional<String> problemWith(List<OrderLine> lines) {
        if (lines.isEmpty()) {
            return Optional.of("Order has no lines");
        }
        Set<String> products = new HashSet<>();
        for (OrderLine line : lines) {
            if (line.getProductId() == null || line.getProductId().isBlank()) {
                return Optional.of("A line has a blank product id");
            }
            if (line.getQuantity() <= 0) {
                return Optional.of("Product " + line.getProductId() + " has quantity " + line.getQuantity()
                        + "; quantities must be positive");
            }
            if (!products.add(line.getProductId())) {
                return Optional.of("Product " + line.getProductId() + " is on more than one line");
            }
        }
        return Optional.empty();
    }
}
