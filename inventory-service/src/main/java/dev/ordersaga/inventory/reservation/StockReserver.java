package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;
import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static dev.ordersaga.messages.ReservationFailureReason.UNKNOWN_PRODUCT;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.inventory.stock.ProductStockRepository;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.OrderLines;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of an order, or records why it cannot: the read-modify-write that every
 * {@link ReservationStrategy} runs inside its own transaction. Stock is read without locks and written with
 * versioned updates; a version that moved in between throws {@link ReservationConflictException}, which must roll
 * the whole transaction back. Rejections write no stock, so they need no version check.
 */
@Component
class StockReserver {

    /** Longest order or product id the tables hold. */
    static final int MAX_ID_LENGTH = 64;

    private final ProductStockRepository stock;
    private final ReservationRepository reservations;

    StockReserver(ProductStockRepository stock, ReservationRepository reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    /**
     * @return the new outcome, or the recorded one (as a replay) when the order was decided before
     * @throws ReservationConflictException when stock or the order's record changed concurrently
     */
    ReservationOutcome reserve(ReserveInventory command) {
        String orderId = command.getOrderId();
        if (orderId.isBlank() || orderId.length() > MAX_ID_LENGTH) {
            // There is no key to record this decision under; a redelivery is rejected the same way again.
            return ReservationOutcome.rejected(orderId, INVALID_ORDER,
                    "Order id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        var recorded = reservations.find(orderId);
        if (recorded.isPresent()) {
            return ReservationOutcome.replayOf(recorded.get());
        }
        var invalid = OrderLines.problemWith(command.getLines());
        if (invalid.isPresent()) {
            return recordRejection(orderId, INVALID_ORDER, invalid.get());
        }

        SortedMap<String, Integer> quantityByProduct = new TreeMap<>();
        command.getLines().forEach(line -> quantityByProduct.put(line.getProductId(), line.getQuantity()));
        List<ProductStock> rows = stock.findAllById(quantityByProduct.keySet());
        if (rows.size() < quantityByProduct.size()) {
            Set<String> unknown = new TreeSet<>(quantityByProduct.keySet());
            rows.forEach(row -> unknown.remove(row.productId()));
            return recordRejection(orderId, UNKNOWN_PRODUCT, "Unknown product(s): " + String.join(", ", unknown));
        }
        List<String> shortLines = rows.stream()
                .filter(row -> row.available() < quantityByProduct.get(row.productId()))
                .map(row -> row.productId() + ": requested " + quantityByProduct.get(row.productId())
                        + ", available " + row.available())
                .toList();
        if (!shortLines.isEmpty()) {
            return recordRejection(orderId, OUT_OF_STOCK, String.join("; ", shortLines));
        }

        List<ProductStock> reserved = rows.stream()
                .map(row -> row.reserve(quantityByProduct.get(row.productId())))
                .toList();
        if (!stock.updateIfUnchanged(reserved)) {
            throw new ReservationConflictException("Stock of " + quantityByProduct.keySet() + " changed after it"
                    + " was read for order " + orderId);
        }
        ReservationOutcome outcome = ReservationOutcome.reserved(orderId);
        if (!reservations.insertIfAbsent(outcome.toReservation())) {
            throw new ReservationConflictException("Order " + orderId + " was decided concurrently, by a duplicate"
                    + " of its command");
        }
        reservations.insertLines(orderId, quantityByProduct);
        return outcome;
    }

    /**
     * Records that nothing of the order is reserved, unless the order was decided before.
     *
     * @return this rejection, or the earlier decision (as a replay)
     */
    ReservationOutcome recordRejection(String orderId, ReservationFailureReason reason, String detail) {
        ReservationOutcome rejection = ReservationOutcome.rejected(orderId, reason, detail);
        if (reservations.insertIfAbsent(rejection.toReservation())) {
            return rejection;
        }
        return ReservationOutcome.replayOf(reservations.find(orderId).orElseThrow());
    }
}
