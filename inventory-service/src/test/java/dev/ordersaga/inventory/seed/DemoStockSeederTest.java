package dev.ordersaga.inventory.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The base test configures three demo products, {@code seeded-1..3} with 50 units each. */
class DemoStockSeederTest extends InventoryIntegrationTest {

    @Autowired
    DemoStockSeeder seeder;

    @Test
    void shouldCreateTheConfiguredDemoProductsAtStartup() {
        assertThat(stock.findById("seeded-1")).isPresent();
        assertThat(stock.findById("seeded-3")).isPresent();
        assertThat(stock.findById("seeded-4")).isEmpty();
    }

    @Test
    void shouldKeepTheStockOfExistingProductsWhenSeedingAgain() {
        assertThat(stock.updateIfUnchanged(List.of(stockOf("seeded-2").reserve(5)))).isEmpty();
        ProductStock beforeSeeding = stockOf("seeded-2");

        seeder.seed();

        assertThat(stockOf("seeded-2")).isEqualTo(beforeSeeding);
        assertThat(beforeSeeding.available() + beforeSeeding.reserved()).isEqualTo(50);
    }
}
