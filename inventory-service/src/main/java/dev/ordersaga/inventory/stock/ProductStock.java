package dev.ordersaga.inventory.stock;

/**
 * Stock of one product as read at {@code version}. {@code available} can still be reserved; {@code reserved} is
 * held for orders in flight; {@code committed} left the stock for paid orders, so that every unit ever put in
 * is accounted for: available + reserved + committed only changes when stock is set. Changing methods keep the
 * version: it is the one a versioned update expects to find.
 */
public record ProductStock(String productId, int available, int reserved, int committed, long version) {

    /** This stock after moving {@code quantity} units from available to reserved. */
    public ProductStock reserve(int quantity) {
        if (quantity <= 0 || quantity > available) {
            throw new IllegalArgumentException("Cannot reserve " + quantity + " of " + productId + " with "
                    + available + " available");
        }
        return new ProductStock(productId, available - quantity, reserved + quantity, committed, version);
    }

    /** This stock after giving {@code quantity} reserved units back to available. */
    public ProductStock release(int quantity) {
        requireReserved(quantity);
        return new ProductStock(productId, available + quantity, reserved - quantity, committed, version);
    }

    /** This stock after {@code quantity} reserved units left it for good (the order was paid). */
    public ProductStock commit(int quantity) {
        requireReserved(quantity);
        return new ProductStock(productId, available, reserved - quantity, committed + quantity, version);
    }

    ProductStock withAvailable(int newAvailable) {
        return new ProductStock(productId, newAvailable, reserved, committed, version);
    }

    private void requireReserved(int quantity) {
        if (quantity <= 0 || quantity > reserved) {
            throw new IllegalStateException("Cannot take " + quantity + " reserved units of " + productId
                    + " with " + reserved + " reserved; the reservation lines and the stock disagree");
        }
    }
}
