package dev.ordersaga.order.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The rules of an order that annotations cannot express: configured limits, and each product at most once
 * (so that the saga reserves one quantity per product). Runs with the Bean Validation constraints, so a client
 * hears about every problem of its request at once.
 */
@Component
class OrderLimits implements Validator {

    private final OrderValidationProperties limits;

    OrderLimits(OrderValidationProperties limits) {
        this.limits = limits;
    }

    @Override
    public boolean supports(Class<?> type) {
        return PlaceOrderRequest.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        List<PlaceOrderRequest.Line> lines = ((PlaceOrderRequest) target).lines();
        if (lines == null) {
            return;
        }
        if (lines.size() > limits.maxLines()) {
            errors.rejectValue("lines", "TooManyLines",
                    "must hold at most " + limits.maxLines() + " lines, got " + lines.size());
        }
        Set<String> products = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            PlaceOrderRequest.Line line = lines.get(i);
            if (line == null) {
                continue;
            }
            if (line.quantity() != null && line.quantity() > limits.maxQuantity()) {
                errors.rejectValue("lines[" + i + "].quantity", "TooManyUnits",
                        "must be at most " + limits.maxQuantity());
            }
            if (line.productId() != null && !products.add(line.productId())) {
                errors.rejectValue("lines[" + i + "].productId", "DuplicateProduct",
                        "product " + line.productId() + " is already in another line; put its total quantity in one");
            }
        }
    }
}
