package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.inventory.stock.ProductStockRepository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The two ways a reservation ends: released, its units go back to available stock; committed, they leave the stock
 * for good. The read-modify-write of ReleaseInventory and CommitInventory, run inside a strategy's transaction like
 * {@link StockReserver}'s: stock rows are written with versioned updates and the reservation's state only if it is
 * still the one read, so a concurrent change throws {@link ReservationConflictException}. Each method returns the
 * reservation as it ends up; a repeated command finds it ended already and gets it back unchanged.
 */
@Component
class ReservedStock {

    private static final Logger log = LoggerFactory.getLogger(ReservedStock.class);

    private final ProductStockRepository stock;
    private final ReservationRepository reservations;

    ReservedStock(ProductStockRepository stock, ReservationRepository reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    /**
     * Gives back what the order holds, if anything, and records it RELEASED; a committed reservation stays as it is.
     *
     * @throws ReservationConflictException when stock or the order's record changed concurrently
     */
    Reservation release(String orderId) {
        var recorded = reservations.find(orderId);
        if (recorded.isEmpty()) {
            return recordReleaseOfUnseenOrder(orderId);
        }
        Reservation reservation = recorded.get();
        return switch (reservation.status()) {
            case RESERVED, REJECTED -> end(reservation, ReservationStatus.RELEASED, ProductStock::release);
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
     * @throws ReservationConflictException when stock or the order's record changed concurrently
     * @throws InapplicableCommandException when the order holds no stock to commit
     */
    Reservation commit(String orderId) {
        Reservation reservation = reservations.find(orderId)
                .orElseThrow(() -> cannotCommit(orderId, "it has no reservation"));
        return switch (reservation.status()) {
            case RESERVED -> end(reservation, ReservationStatus.COMMITTED, ProductStock::commit);
            case COMMITTED -> reservation;
            case REJECTED, RELEASED -> throw cannotCommit(orderId, "its reservation is " + reservation.status()
                    + (reservation.reason() == null ? "" : " (" + reservation.reason() + ")"));
        };
    }

    /**
     * Its ReserveInventory may still be on its way, e.g. waiting in a retry topic: recording the release first
     * makes that command reserve nothing and answer InventoryReservationFailed(INVALID_ORDER).
     */
    private Reservation recordReleaseOfUnseenOrder(String orderId) {
        Instant now = Reservation.now();
        Reservation released = new Reservation(orderId, ReservationStatus.RELEASED, INVALID_ORDER,
                "Order was released before its reservation was decided", now, now);
        if (!reservations.insertIfAbsent(released)) {
            throw new ReservationConflictException("Order " + orderId + " was decided while it was being released");
        }
        log.info("Order {} released before its reservation was decided; a later ReserveInventory reserves nothing",
                orderId);
        return released;
    }

    private Reservation end(Reservation reservation, ReservationStatus endStatus,
            BiFunction<ProductStock, Integer, ProductStock> change) {
        String orderId = reservation.orderId();
        if (reservation.heldStock()) {
            SortedMap<String, Integer> quantityByProduct = reservations.findLines(orderId);
            List<ProductStock> changed = stock.findAllById(quantityByProduct.keySet()).stream()
                    .map(row -> change.apply(row, quantityByProduct.get(row.productId())))
                    .toList();
            if (!stock.updateIfUnchanged(changed)) {
                throw new ReservationConflictException("Stock of " + quantityByProduct.keySet() + " changed after"
                        + " it was read for order " + orderId);
            }
        }
        Instant endedAt = Reservation.now();
        if (!reservations.end(orderId, reservation.status(), endStatus, endedAt)) {
            throw new ReservationConflictException("Order " + orderId + " changed while it was being "
                    + endStatus.name().toLowerCase(Locale.ROOT));
        }
        return reservation.ended(endStatus, endedAt);
    }

    private static InapplicableCommandException cannotCommit(String orderId, String why) {
        log.warn("Order {}: CommitInventory, but {}; nothing changed, the command goes to the dead-letter topic",
                orderId, why);
        return new InapplicableCommandException("Cannot commit order " + orderId + ": " + why
                + ". Only a RESERVED order can be committed; is the saga committing an order it did not reserve?");
    }
}
