package dev.ordersaga.console.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The body of order-service's {@code POST /orders}: a customer and one line per product.
 */
public record NewOrder(String customerId, List<Line> lines) {

    /** The most units of a product a made-up order asks for. */
    static final int MAX_QUANTITY = 3;

    public record Line(String productId, int quantity) {
    }

    /**
     * A made-up order of one or two of {@code productIds} (different ones), one to {@value #MAX_QUANTITY} units
     * each, by one of a thousand customers.
     */
    static NewOrder random(List<String> productIds, RandomGenerator random) {
        if (productIds.isEmpty()) {
            throw new IllegalArgumentException("No products to order");
        }
        List<String> left = new ArrayList<>(productIds);
        int lineCount = Math.min(left.size(), 1 + random.nextInt(2));
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            lines.add(new Line(left.remove(random.nextInt(left.size())), 1 + random.nextInt(MAX_QUANTITY)));
        }
        return new NewOrder("c-" + (1 + random.nextInt(1000)), lines);
    }
}
