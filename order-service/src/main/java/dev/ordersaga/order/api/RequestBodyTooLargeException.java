package dev.ordersaga.order.api;

import java.io.IOException;

/**
 * A request body over {@code orders.api.max-request-body}; answered 413 by {@link OrderProblemHandler}. An
 * {@link IOException}, because it is raised while the body is read.
 */
class RequestBodyTooLargeException extends IOException {

    private final long maxBytes;

    RequestBodyTooLargeException(long maxBytes) {
        super("Request body exceeds " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
