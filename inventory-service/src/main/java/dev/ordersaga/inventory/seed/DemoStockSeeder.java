package dev.ordersaga.inventory.seed;

import dev.ordersaga.inventory.stock.ProductStockRepository;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the demo products at startup. Products that exist keep their stock, so reservations made before a
 * restart survive it.
 */
@Component
class DemoStockSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStockSeeder.class);

    private final SeedProperties properties;
    private final ProductStockRepository repository;

    DemoStockSeeder(SeedProperties properties, ProductStockRepository repository) {
        this.properties = properties;
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    void seed() {
        if (properties.products() == 0) {
            return;
        }
        List<String> productIds = IntStream.rangeClosed(1, properties.products())
                .mapToObj(n -> properties.prefix() + n)
                .toList();
        repository.insertAllIfAbsent(productIds, properties.stock());
        log.info("Demo products {} to {} exist; those created now have {} available", productIds.get(0),
                productIds.get(productIds.size() - 1), properties.stock());
    }
}
