package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reservation} table and its child {@code reservation_line}: a reservation's lines are never read or
 * written apart from it.
 */
@Repository
class ReservationRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchJdbc;

    ReservationRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
    }

    /** The reservation recorded for {@code orderId}, if any. */
    Optional<Reservation> find(String orderId) {
        return jdbc.sql("SELECT order_id, status, reason, detail, created_at, ended_at FROM reservation"
                        + " WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query(ReservationRepository::reservation)
                .optional();
    }

    /** The reservations recorded for any of {@code orderIds}, by order id; one statement however many. */
    Map<String, Reservation> findAll(Collection<String> orderIds) {
        Map<String, Reservation> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        jdbc.sql("SELECT order_id, status, reason, detail, created_at, ended_at FROM reservation"
                        + " WHERE order_id = ANY(:orderIds)")
                .param("orderIds", orderIds.toArray(String[]::new))
                .query(ReservationRepository::reservation)
                .list()
                .forEach(reservation -> byOrder.put(reservation.orderId(), reservation));
        return byOrder;
    }

    /**
     * Records each reservation unless its order already has one, in one statement. Not an error when it has: the
     * order was decided concurrently, and the caller reads that decision instead.
     *
     * @return the orders whose reservation was recorded
     */
    Set<String> insertAllIfAbsent(Collection<Reservation> reservations) {
        if (reservations.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO reservation (order_id, status, reason, detail, created_at, ended_at)
                        SELECT order_id, status, reason, detail, created_at::timestamptz, ended_at::timestamptz
                          FROM unnest(:orderIds::text[], :statuses::text[], :reasons::text[], :details::text[],
                                      :createdAt::text[], :endedAt::text[])
                               AS r (order_id, status, reason, detail, created_at, ended_at)
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING order_id""")
                .param("orderIds", column(reservations, Reservation::orderId))
                .param("statuses", column(reservations, reservation -> reservation.status().name()))
                .param("reasons", column(reservations, reservation -> reservation.reason() == null
                        ? null : reservation.reason().name()))
                .param("details", column(reservations, Reservation::detail))
                .param("createdAt", column(reservations, reservation -> text(reservation.createdAt())))
                .param("endedAt", column(reservations, reservation -> text(reservation.endedAt())))
                .query(String.class)
                .list());
    }

    /**
     * Ends each reservation that is still in the state it was read in ({@code from}), in one JDBC batch.
     *
     * @return the orders whose reservation was no longer in that state: another command for the order changed it
     *     concurrently
     */
    Set<String> endAll(Collection<Ending> endings) {
        if (endings.isEmpty()) {
            return Set.of();
        }
        List<Ending> ordered = List.copyOf(endings);
        SqlParameterSource[] batch = ordered.stream()
                .map(ending -> new MapSqlParameterSource()
                        .addValue("orderId", ending.orderId())
                        .addValue("from", ending.from().name())
                        .addValue("to", ending.to().name())
                        .addValue("endedAt", timestamp(ending.endedAt())))
                .toArray(SqlParameterSource[]::new);
        int[] updated = batchJdbc.batchUpdate("UPDATE reservation SET status = :to, ended_at = :endedAt"
                + " WHERE order_id = :orderId AND status = :from", batch);
        Set<String> changedMeanwhile = new HashSet<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                changedMeanwhile.add(ordered.get(i).orderId());
            }
        }
        return changedMeanwhile;
    }

    /** A reservation that ended: released or committed. */
    record Ending(String orderId, ReservationStatus from, ReservationStatus to, Instant endedAt) {
    }

    /** Records the quantity per product that each RESERVED order holds, in one statement. */
    void insertLines(Map<String, ? extends Map<String, Integer>> quantityByProductByOrder) {
        List<String> orderIds = new ArrayList<>();
        List<String> productIds = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        quantityByProductByOrder.forEach((orderId, lines) -> lines.forEach((productId, quantity) -> {
            orderIds.add(orderId);
            productIds.add(productId);
            quantities.add(quantity);
        }));
        if (orderIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO reservation_line (order_id, product_id, quantity)
                        SELECT * FROM unnest(:orderIds::text[], :productIds::text[], :quantities::int[])""")
                .param("orderIds", orderIds.toArray(String[]::new))
                .param("productIds", productIds.toArray(String[]::new))
                .param("quantities", quantities.toArray(Integer[]::new))
                .update();
    }

    /** The quantity per product the order holds or held, ordered by product id; empty if it never held stock. */
    SortedMap<String, Integer> findLines(String orderId) {
        return findLinesOfAll(List.of(orderId)).getOrDefault(orderId, new TreeMap<>());
    }

    /**
     * The quantity per product each of the orders holds or held, ordered by product id, in one statement; orders
     * that never held stock are missing.
     */
    Map<String, SortedMap<String, Integer>> findLinesOfAll(Collection<String> orderIds) {
        Map<String, SortedMap<String, Integer>> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        jdbc.sql("SELECT order_id, product_id, quantity FROM reservation_line WHERE order_id = ANY(:orderIds)")
                .param("orderIds", orderIds.toArray(String[]::new))
                .query(row -> {
                    byOrder.computeIfAbsent(row.getString("order_id"), order -> new TreeMap<>())
                            .put(row.getString("product_id"), row.getInt("quantity"));
                });
        return byOrder;
    }

    private static String[] column(Collection<Reservation> reservations, Function<Reservation, String> value) {
        return reservations.stream().map(value).toArray(String[]::new);
    }

    /** A timestamp as PostgreSQL reads it back exactly (ISO-8601, UTC). */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Reservation reservation(ResultSet row, int rowNum) throws SQLException {
        String reason = row.getString("reason");
        return new Reservation(row.getString("order_id"),
                ReservationStatus.valueOf(row.getString("status")),
                reason == null ? null : ReservationFailureReason.valueOf(reason),
                row.getString("detail"),
                instant(row, "created_at"),
                instant(row, "ended_at"));
    }
}
