package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.ReservationFailureReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
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

    /** The outcome recorded for {@code orderId}, if any. */
    Optional<ReservationOutcome> findOutcome(String orderId) {
        return jdbc.sql("SELECT order_id, status, reason, detail, created_at FROM reservation"
                        + " WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query(ReservationRepository::outcome)
                .optional();
    }

    /**
     * Records {@code outcome} unless the order already has one. Not an error when it has: the order was decided
     * concurrently, and the caller reads that decision instead.
     *
     * @return whether this outcome was recorded
     */
    boolean insertIfAbsent(ReservationOutcome outcome) {
        return jdbc.sql("""
                        INSERT INTO reservation (order_id, status, reason, detail, created_at)
                        VALUES (:orderId, :status, :reason, :detail, :createdAt)
                        ON CONFLICT (order_id) DO NOTHING""")
                .param("orderId", outcome.orderId())
                .param("status", outcome.status().name())
                .param("reason", outcome.reason() == null ? null : outcome.reason().name())
                .param("detail", outcome.detail())
                .param("createdAt", OffsetDateTime.ofInstant(outcome.decidedAt(), ZoneOffset.UTC))
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

    private static ReservationOutcome outcome(ResultSet row, int rowNum) throws SQLException {
        String reason = row.getString("reason");
        return new ReservationOutcome(row.getString("order_id"),
                ReservationStatus.valueOf(row.getString("status")),
                reason == null ? null : ReservationFailureReason.valueOf(reason),
                row.getString("detail"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                false);
    }
}
