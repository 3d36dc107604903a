package dev.ordersaga.inventory;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.inventory.stock.ProductStockRepository;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the shared real broker and database. Every test class extends this unchanged, so all
 * of them share one Spring context; tests stay apart by using products and orders of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "inventory.seed.products=3",
        "inventory.seed.stock=50",
        "inventory.seed.prefix=seeded-"})
public abstract class InventoryIntegrationTest {

    @Autowired
    protected ProductStockRepository stock;

    @Autowired
    protected MeterRegistry registry;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.register(properties, "inventory");
    }

    /** A product no other test uses, with {@code available} units and nothing reserved. */
    protected String newProduct(int available) {
        String productId = "product-" + UUID.randomUUID();
        stock.insertIfAbsent(productId, available);
        return productId;
    }

    protected static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    protected ProductStock stockOf(String productId) {
        return stock.findById(productId).orElseThrow();
    }

    /** The count of counter {@code name} with {@code tags} (name, value, ...); 0 before it was first counted. */
    protected double counted(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    protected static ReserveInventory reserve(String orderId, OrderLine... lines) {
        return new ReserveInventory(orderId, List.of(lines));
    }

    protected static OrderLine line(String productId, int quantity) {
        return new OrderLine(productId, quantity);
    }
}
