package dev.ordersaga.order.status;

import dev.ordersaga.order.Order;
import dev.ordersaga.order.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code order_status_history} table: one row per status an order reached, the first one seen kept. */
@Repository
public class OrderStatusHistoryRepository {

    /**
     * Oldest first; a tie (the same millisecond) goes by how far the saga got, so PENDING never shows after the
     * status that replaced it.
     */
    private static final Comparator<StatusTransition> CHRONOLOGICAL = Comparator
            .comparing(StatusTransition::changedAt)
            .thenComparing(StatusTransition::status, OrderStatus.SAGA_ORDER);

    private final JdbcClient jdbc;

    OrderStatusHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code transition} unless the order already has a row for its status: replays change nothing. */
    public void record(String orderId, StatusTransition transition) {
        jdbc.sql("""
                INSERT INTO order_status_history (order_id, status, reason, changed_at)
                VALUES (:orderId, :status, :reason, :changedAt)
                ON CONFLICT (order_id, status) DO NOTHING
                """)
                .param("orderId", orderId)
                .param("status", transition.status().name())
                .param("reason", transition.reason())
                .param("changedAt", transition.changedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Adds each order's status as a transition at its {@code updatedAt}, in one statement, unless the order
     * already has a row for that status.
     *
     * @param reached at most one per order and status: the first one seen is the one to keep
     */
    void recordAll(List<Order> reached) {
        if (reached.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO order_status_history (order_id, status, reason, changed_at)
                SELECT * FROM unnest(CAST(:orderIds AS varchar[]), CAST(:statuses AS varchar[]),
                                     CAST(:reasons AS text[]), CAST(:changedAt AS timestamptz[]))
                ON CONFLICT (order_id, status) DO NOTHING
                """)
                .param("orderIds", reached.stream().map(Order::orderId).toArray(String[]::new))
                .param("statuses", reached.stream().map(order -> order.status().name()).toArray(String[]::new))
                .param("reasons", reached.stream().map(Order::reason).toArray(String[]::new))
                .param("changedAt", reached.stream().map(order -> order.updatedAt().toString())
                        .toArray(String[]::new))
                .update();
    }

    /** The order's transitions, oldest first; empty for an unknown order. */
    public List<StatusTransition> findByOrderId(String orderId) {
        return jdbc.sql("""
                SELECT status, reason, changed_at
                  FROM order_status_history
                 WHERE order_id = :orderId
                """)
                .param("orderId", orderId)
                .query(OrderStatusHistoryRepository::toTransition)
                .list()
                .stream()
                .sorted(CHRONOLOGICAL)
                .toList();
    }

    private static StatusTransition toTransition(ResultSet row, int rowNum) throws SQLException {
        Instant changedAt = row.getObject("changed_at", OffsetDateTime.class).toInstant();
        return new StatusTransition(OrderStatus.valueOf(row.getString("status")), row.getString("reason"), changedAt);
    }
}
