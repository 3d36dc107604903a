package dev.ordersaga.inventory.stock;

import java.time.Duration;
import java.util.List;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Sets a product's available stock, creating the product if needed. Goes through the same versioned update as a
 * reservation, so a concurrent reservation is never overwritten: the loser of a race reads again and retries.
 */
@Service
class StockLevels {

    private final ProductStockRepository repository;
    private final RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
            .includes(OptimisticLockingFailureException.class)
            .maxRetries(9)
            .delay(Duration.ofMillis(5))
            .multiplier(2)
            .jitter(Duration.ofMillis(5))
            .maxDelay(Duration.ofMillis(200))
            .build());

    StockLevels(ProductStockRepository repository) {
        this.repository = repository;
    }

    /**
     * @throws OptimisticLockingFailureException when the product's stock kept changing concurrently on every
     *     attempt
     */
    ProductStock setAvailable(String productId, int available) {
        return retry.invoke(() -> attemptToSetAvailable(productId, available));
    }

    private ProductStock attemptToSetAvailable(String productId, int available) {
        var current = repository.findById(productId);
        if (current.isEmpty()) {
            if (repository.insertIfAbsent(productId, available)) {
                return new ProductStock(productId, available, 0, 0, 0);
            }
            throw new OptimisticLockingFailureException("Product " + productId + " was created concurrently");
        }
        ProductStock changed = current.get().withAvailable(available);
        if (!repository.updateIfUnchanged(List.of(changed)).isEmpty()) {
            throw new OptimisticLockingFailureException("Stock of " + productId + " changed concurrently");
        }
        return new ProductStock(productId, available, changed.reserved(), changed.committed(),
                changed.version() + 1);
    }
}
