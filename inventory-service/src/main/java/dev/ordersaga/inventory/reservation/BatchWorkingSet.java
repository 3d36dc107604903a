package dev.ordersaga.inventory.reservation;

import dev.ordersaga.inventory.stock.ProductStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a batch of commands reads (stock rows with their versions, the orders' reservations and lines), changed in
 * memory as each command applies in turn, so that a later command sees what an earlier one did, and written at
 * once when all have: stock rows with versioned updates against the versions read, new reservations and lines as
 * inserts, ended reservations as updates guarded by the state read.
 */
final class BatchWorkingSet {

    /** When the batch is applied, in the milliseconds events carry: a replayed event equals the first one. */
    final Instant now;

    private final Map<String, ProductStock> stockAsRead = new TreeMap<>();
    private final Map<String, ProductStock> stock = new TreeMap<>();
    private final Map<String, Reservation> reservationsAsRead;
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, SortedMap<String, Integer>> lines;
    private final Map<String, SortedMap<String, Integer>> newLines = new LinkedHashMap<>();

    BatchWorkingSet(Collection<ProductStock> rows, Map<String, Reservation> reservations,
            Map<String, SortedMap<String, Integer>> lines, Instant now) {
        rows.forEach(row -> stockAsRead.put(row.productId(), row));
        this.stock.putAll(stockAsRead);
        this.reservationsAsRead = Map.copyOf(reservations);
        this.reservations.putAll(reservations);
        this.lines = new LinkedHashMap<>(lines);
        this.now = now;
    }

    /** The product's stock as the commands applied so far left it; empty for a product that does not exist. */
    Optional<ProductStock> stock(String productId) {
        return Optional.ofNullable(stock.get(productId));
    }

    /** Replaces a product's stock; it keeps the version read, which the update will expect. */
    void change(ProductStock row) {
        stock.put(row.productId(), row);
    }

    Optional<Reservation> reservation(String orderId) {
        return Optional.ofNullable(reservations.get(orderId));
    }

    /** Records a new or changed reservation of an order. */
    void record(Reservation reservation) {
        reservations.put(reservation.orderId(), reservation);
    }

    /** The quantity per product the order holds or held, ordered by product id; empty if it never held stock. */
    SortedMap<String, Integer> lines(String orderId) {
        return lines.getOrDefault(orderId, new TreeMap<>());
    }

    void recordLines(String orderId, SortedMap<String, Integer> quantityByProduct) {
        lines.put(orderId, quantityByProduct);
        newLines.put(orderId, quantityByProduct);
    }

    /** The stock rows the commands changed, in product-id order, each carrying the version it was read at. */
    List<ProductStock> changedStock() {
        return stock.values().stream().filter(row -> !row.equals(stockAsRead.get(row.productId()))).toList();
    }

    /** Reservations of orders that had none when the batch read them. */
    List<Reservation> newReservations() {
        return reservations.values().stream()
                .filter(reservation -> !reservationsAsRead.containsKey(reservation.orderId()))
                .toList();
    }

    /** Reservations that were read and ended since (released or committed). */
    List<ReservationRepository.Ending> endings() {
        List<ReservationRepository.Ending> endings = new ArrayList<>();
        reservationsAsRead.forEach((orderId, asRead) -> {
            Reservation now = reservations.get(orderId);
            if (now.status() != asRead.status()) {
                endings.add(new ReservationRepository.Ending(orderId, asRead.status(), now.status(), now.endedAt()));
            }
        });
        return endings;
    }

    /** The lines of orders reserved by this batch. */
    Map<String, SortedMap<String, Integer>> newLines() {
        return newLines;
    }
}
