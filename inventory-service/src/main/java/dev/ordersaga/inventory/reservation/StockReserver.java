package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;
import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static dev.ordersaga.messages.ReservationFailureReason.UNKNOWN_PRODUCT;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.OrderLines;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of an order, or records why it cannot, in a batch's {@link BatchWorkingSet}: the stock it
 * decides on is the stock as the batch's earlier commands left it, and what it changes is written with the rest of
 * the batch (versioned updates, so a concurrent writer is detected then).
 */
@Component
class StockReserver {

    /** Longest order or product id the tables hold. */
    static final int MAX_ID_LENGTH = 64;

    /** @return the new outcome, or the recorded one (as a replay) when the order was decided before */
    ReservationOutcome reserve(BatchWorkingSet batch, ReserveInventory command) {
        String orderId = command.getOrderId();
        if (!isStorable(orderId)) {
            // There is no key to record this decision under; a redelivery is rejected the same way again.
            return ReservationOutcome.rejected(orderId, INVALID_ORDER,
                    "Order id must have 1 to " + MAX_ID_LENGTH + " characters", batch.now);
        }
        var recorded = batch.reservation(orderId);
        if (recorded.isPresent()) {
            return ReservationOutcome.replayOf(recorded.get());
        }
        var invalid = OrderLines.problemWith(command.getLines());
        if (invalid.isPresent()) {
            return recordRejection(batch, orderId, INVALID_ORDER, invalid.get());
        }

        SortedMap<String, Integer> quantityByProduct = quantities(command);
        List<String> unknown = new ArrayList<>();
        List<String> shortLines = new ArrayList<>();
        List<ProductStock> reserved = new ArrayList<>();
        quantityByProduct.forEach((productId, quantity) -> batch.stock(productId).ifPresentOrElse(row -> {
            if (row.available() < quantity) {
                shortLines.add(productId + ": requested " + quantity + ", available " + row.available());
            } else {
                reserved.add(row.reserve(quantity));
            }
        }, () -> unknown.add(productId)));
        if (!unknown.isEmpty()) {
            return recordRejection(batch, orderId, UNKNOWN_PRODUCT, "Unknown product(s): " + String.join(", ", unknown));
        }
        if (!shortLines.isEmpty()) {
            return recordRejection(batch, orderId, OUT_OF_STOCK, String.join("; ", shortLines));
        }
        reserved.forEach(batch::change);
        ReservationOutcome outcome = ReservationOutcome.reserved(orderId, batch.now);
        batch.record(outcome.toReservation());
        batch.recordLines(orderId, quantityByProduct);
        return outcome;
    }

    /**
     * Records that nothing of the order is reserved, unless the order was decided before.
     *
     * @return this rejection, or the earlier decision (as a replay)
     */
    ReservationOutcome recordRejection(BatchWorkingSet batch, String orderId, ReservationFailureReason reason,
            String detail) {
        var recorded = batch.reservation(orderId);
        if (recorded.isPresent()) {
            return ReservationOutcome.replayOf(recorded.get());
        }
        ReservationOutcome rejection = ReservationOutcome.rejected(orderId, reason, detail, batch.now);
        batch.record(rejection.toReservation());
        return rejection;
    }

    /** The quantity per product of an order's lines, ordered by product id. */
    static SortedMap<String, Integer> quantities(ReserveInventory command) {
        SortedMap<String, Integer> quantityByProduct = new TreeMap<>();
        command.getLines().forEach(line -> quantityByProduct.put(line.getProductId(), line.getQuantity()));
        return quantityByProduct;
    }

    static boolean isStorable(String orderId) {
        return !orderId.isBlank() && orderId.length() <= MAX_ID_LENGTH;
    }
}
