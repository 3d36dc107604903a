package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;

import dev.ordersaga.inventory.stock.ProductStock;
import java.util.SortedMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles a reservation, one of two ways: released, its units go back to available stock; committed, they leave
 * the stock for good. Applies ReleaseInventory and CommitInventory to a batch's {@link BatchWorkingSet}, like
 * {@link StockReserver} does ReserveInventory. Each method returns the reservation as it ends up; a repeated command
 * finds it ended already and gets it back unchanged.
 */
@Component
class ReservationSettler {

    private static final Logger log = LoggerFactory.getLogger(ReservationSettler.class);

    /**
     * Gives back what the order holds, if anything, and records it RELEASED; a committed reservation stays as it is.
     */
    Reservation release(BatchWorkingSet batch, String orderId) {
        var recorded = batch.reservation(orderId);
        if (recorded.isEmpty()) {
            return recordReleaseOfUnseenOrder(batch, orderId);
        }
        Reservation reservation = recorded.get();
        return switch (reservation.status()) {
            case RESERVED, REJECTED -> end(batch, reservation, ReservationStatus.RELEASED, ProductStock::release);
            case RELEASED -> reservation;
            case COMMITTED -> {
                log.warn("Order {}: ReleaseInventory for a reservation committed at {}; its units are sold, nothing"
                        + " is released. Answering InventoryCommitted again", orderId, reservation.endedAt());
                yield reservation;
            }
        };
    }

    /**
     * Lets the order's reserved units leave the stock and records it COMMITTED.
     *
     * @throws InapplicableCommandException when the order holds no stock to commit
     */
    Reservation commit(BatchWorkingSet batch, String orderId) {
        Reservation reservation = batch.reservation(orderId)
                .orElseThrow(() -> cannotCommit(orderId, "it has no reservation"));
        return switch (reservation.status()) {
            case RESERVED -> end(batch, reservation, ReservationStatus.COMMITTED, ProductStock::commit);
            case COMMITTED -> reservation;
            case REJECTED, RELEASED -> throw cannotCommit(orderId, "its reservation is " + reservation.status()
                    + (reservation.reason() == null ? "" : " (" + reservation.reason() + ")"));
        };
    }

    /**
     * Its ReserveInventory may still be on its way, e.g. waiting in a retry topic: recording the release first
     * makes that command reserve nothing and answer InventoryReservationFailed(INVALID_ORDER).
     */
    private static Reservation recordReleaseOfUnseenOrder(BatchWorkingSet batch, String orderId) {
        Reservation released = new Reservation(orderId, ReservationStatus.RELEASED, INVALID_ORDER,
                "Order was released before its reservation was decided", batch.now, batch.now);
        batch.record(released);
        log.info("Order {} released before its reservation was decided; a later ReserveInventory reserves nothing",
                orderId);
        return released;
    }

    private static Reservation end(BatchWorkingSet batch, Reservation reservation, ReservationStatus endStatus,
            BiFunction<ProductStock, Integer, ProductStock> change) {
        if (reservation.heldStock()) {
            SortedMap<String, Integer> quantityByProduct = batch.lines(reservation.orderId());
            quantityByProduct.forEach((productId, quantity) -> batch.change(change.apply(
                    batch.stock(productId).orElseThrow(() -> new IllegalStateException("Order "
                            + reservation.orderId() + " holds " + productId + ", which has no stock row")),
                    quantity)));
        }
        Reservation ended = reservation.ended(endStatus, batch.now);
        batch.record(ended);
        return ended;
    }

    private static InapplicableCommandException cannotCommit(String orderId, String why) {
        log.warn("Order {}: CommitInventory, but {}; nothing changed, the command goes to the dead-letter topic",
                orderId, why);
        return new InapplicableCommandException("Cannot commit order " + orderId + ": " + why
                + ". Only a RESERVED order can be committed; is the saga committing an order it did not reserve?");
    }
}
