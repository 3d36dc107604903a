package dev.ordersaga.order.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}. The limits that depend on configuration (how many lines, how many units)
 * and the one-line-per-product rule are checked by {@link OrderLimits}.
 */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 64, message = "must be at most 64 characters") String customerId,
        @NotEmpty(message = "must hold at least one line") List<@NotNull @Valid Line> lines) {

    public record Line(
            @NotBlank
            @Size(max = 64, message = "must be at most 64 characters")
            @Pattern(regexp = "[A-Za-z0-9._:-]*", message = "may contain only letters, digits, '.', '_', ':' and '-'")
            String productId,
            @NotNull @Min(value = 1, message = "must be at least 1") Integer quantity) {
    }
}
