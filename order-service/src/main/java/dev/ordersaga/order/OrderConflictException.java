package dev.ordersaga.order;

/** The order exists but cannot do what the customer asked in its current state; the API answers 409. */
public class OrderConflictException extends RuntimeException {

    /** Which rule the request broke. */
    public enum Kind {
        /** The order's status does not allow the request. */
        STATUS_DOES_NOT_ALLOW,
        /** The order already has a payment; a second one would charge the customer twice. */
        PAYMENT_ALREADY_SUBMITTED
    }

    private final Kind kind;
    private final String orderId;
    private final OrderStatus status;

    private OrderConflictException(Kind kind, String orderId, OrderStatus status, String message) {
        super(message);
        this.kind = kind;
        this.orderId = orderId;
        this.status = status;
    }

    static OrderConflictException statusDoesNotAllow(Order order, String request, String allowedWhen) {
        return new OrderConflictException(Kind.STATUS_DOES_NOT_ALLOW, order.orderId(), order.status(),
                "Order '%s' is %s; %s is only possible %s".formatted(
                        order.orderId(), order.status(), request, allowedWhen));
    }

    static OrderConflictException paymentAlreadySubmitted(Order order) {
        return new OrderConflictException(Kind.PAYMENT_ALREADY_SUBMITTED, order.orderId(), order.status(),
                "Order '%s' is %s and a payment was already submitted for it at %s".formatted(
                        order.orderId(), order.status(), order.paymentSubmittedAt()));
    }

    public Kind kind() {
        return kind;
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }
}
