package dev.ordersaga.inventory.stock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stock levels per product. Errors are RFC 9457 problem details. */
@RestController
@RequestMapping("/inventory")
class StockController {

    private final ProductStockRepository repository;
    private final StockLevels stockLevels;

    StockController(ProductStockRepository repository, StockLevels stockLevels) {
        this.repository = repository;
        this.stockLevels = stockLevels;
    }

    /** Every product, ordered by id. */
    @GetMapping
    List<ProductStock> all() {
        return repository.findAll();
    }

    @GetMapping("/{productId}")
    ProductStock one(@PathVariable String productId) {
        return repository.findById(productId).orElseThrow(() -> new UnknownProductException(productId));
    }

    /** Creates the product with {@code available} stock, or sets the available stock of an existing one. */
    @PutMapping("/{productId}")
    ProductStock setAvailable(@PathVariable @NotBlank @Size(max = 64) String productId,
            @RequestBody @Valid StockLevel level) {
        return stockLevels.setAvailable(productId, level.available());
    }

    @ExceptionHandler
    ProblemDetail stockKeptChanging(OptimisticLockingFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                e.getMessage() + " on every attempt; try again.");
        problem.setTitle("Stock changed concurrently");
        return problem;
    }

    record StockLevel(@NotNull @PositiveOrZero Integer available) {
    }

    static final class UnknownProductException extends ErrorResponseException {

        UnknownProductException(String productId) {
            super(HttpStatus.NOT_FOUND);
            getBody().setTitle("Unknown product");
            getBody().setDetail("No product " + productId + "; create it with PUT /inventory/" + productId
                    + " and a body like {\"available\": 10}.");
        }
    }
}
