package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
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

    /**
     * Records {@code reservation} unless the order already has one. Not an error when it has: the order was decided
     * concurrently, and the caller reads that decision instead.
     *
     * @return whether this reservation was recorded
     */
    boolean insertIfAbsent(Reservation reservation) {
        return jdbc.sql("""
                        INSERT INTO reservation (order_id, status, reason, detail, created_at, ended_at)
                        VALUES (:orderId, :status, :reason, :detail, :createdAt, :endedAt)
                        ON CONFLICT (order_id) DO NOTHING""")
                .param("orderId", reservation.orderId())
                .param("status", reservation.status().name())
                .param("reason", reservation.reason() == null ? null : reservation.reason().name())
                .param("detail", reservation.detail())
                .param("createdAt", timestamp(reservation.createdAt()))
                .param("endedAt", timestamp(reservation.endedAt()))
                .update() == 1;
    }

    /**
     * Ends the order's reservation, if it is still in state {@code from}.
     *
     * @return whether it was; when not, another command for the order changed it concurrently
     */
    boolean end(String orderId, ReservationStatus from, ReservationStatus to, Instant endedAt) {
        return jdbc.sql("UPDATE reservation SET status = :to, ended_at = :endedAt"
                        + " WHERE order_id = :orderId AND status = :from")
                .param("orderId", orderId)
                .param("from", from.name())
                .param("to", to.name())
                .param("endedAt", timestamp(endedAt))
                .update() == 1;
    }

    /** Records the quantity per product that a RESERVED order holds. */
    void insertLines(String orderId, Map<String, Integer> quantityByProduct) {
        SqlParameterSource[] batch = quantityByProduct.entrySet().stream()
                .map(line -> new MapSqlParameterSource()
                        .addValue("orderId", orderId)
                        .addValue("productId", line.getKey())
                        .addValue("quantity", line.getValue()))
                .toArray(SqlParameterSource[]::new);
        batchJdbc.batchUpdate("INSERT INTO reservation_line (order_id, product_id, quantity)"
                + " VALUES (:orderId, :productId, :quantity)", batch);
    }

    /** The quantity per product the order holds or held, ordered by product id; empty if it never held stock. */
    SortedMap<String, Integer> findLines(String orderId) {
        SortedMap<String, Integer> quantityByProduct = new TreeMap<>();
        jdbc.sql("SELECT product_id, quantity FROM reservation_line WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query(row -> {
                    quantityByProduct.put(row.getString("product_id"), row.getInt("quantity"));
                });
        return quantityByProduct;
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
