package dev.ordersaga.localstack;

/** A start-up problem the user can fix; its message says how. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
