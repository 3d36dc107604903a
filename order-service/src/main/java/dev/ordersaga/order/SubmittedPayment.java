package dev.ordersaga.order;

/**
 * A payment the saga will now ask the provider to authorise; also the body of the 202 answer.
 *
 * @param paymentId unique per submission; the provider's idempotency key
 * @param status the order's status when the payment was submitted (AWAITING_PAYMENT)
 */
public record SubmittedPayment(String orderId, String paymentId, OrderStatus status) {
}
