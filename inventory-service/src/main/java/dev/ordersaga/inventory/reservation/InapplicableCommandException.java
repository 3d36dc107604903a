package dev.ordersaga.inventory.reservation;

/**
 * A command that cannot apply, however often it is tried: a commit of an order that holds no stock, a message type
 * that does not belong on {@code inventory-commands}. It points at a bug upstream, so the record goes straight to
 * the dead-letter topic, with this message in its headers, for someone to look at.
 */
public class InapplicableCommandException extends RuntimeException {

    public InapplicableCommandException(String message) {
        super(message);
    }
}
