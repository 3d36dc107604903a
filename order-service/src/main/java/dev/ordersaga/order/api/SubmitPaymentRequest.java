package dev.ordersaga.order.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /orders/{orderId}/payment}. The card number may be grouped with spaces as printed on
 * the card; only its last four digits go any further than this request.
 */
public record SubmitPaymentRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "(?i)card", message = "must be 'card', the only payment method taken")
        String method,
        @NotNull(message = "is required")
        @Pattern(regexp = "( *[0-9]){12,19} *", message = "must be 12 to 19 digits (spaces are ignored)")
        String cardNumber) {

    /** Call only once the request is valid. */
    String cardLast4() {
        String digits = cardNumber.replace(" ", "");
        return digits.substring(digits.length() - 4);
    }

    /** Keeps the card number out of logs, e.g. Spring's debug log of request bodies. */
    @Override
    public String toString() {
        return "SubmitPaymentRequest[method=" + method + ", cardNumber=<hidden>]";
    }
}
