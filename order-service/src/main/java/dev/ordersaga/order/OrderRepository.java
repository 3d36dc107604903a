package dev.ordersaga.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code orders} table. An order's lines are stored in its row (jsonb): they never change and are only read
 * with their order, so showing an order is one primary-key lookup and recording a status is one statement.
 */
@Repository
public class OrderRepository {

    private static final TypeReference<List<Order.Line>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Order order) {
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, reason, lines, created_at, updated_at)
                VALUES (:orderId, :customerId, :status, :reason, CAST(:lines AS jsonb), :createdAt, :updatedAt)
                """)
                .params(columns(order))
                .update();
    }

    public Optional<Order> findById(String orderId) {
        return jdbc.sql("""
                SELECT order_id, customer_id, status, reason, lines, created_at, updated_at,
                       payment_submitted_at, cancellation_requested_at
                  FROM orders
                 WHERE order_id = :orderId
                """)
                .param("orderId", orderId)
                .query(this::toOrder)
                .optional();
    }

    /**
     * Records {@code order}'s status if it ranks higher than the stored one (see {@link OrderStatus}); an order
     * this service never saw (placed straight on the orders topic) is inserted whole. Idempotent: a duplicated or
     * late status changes nothing.
     *
     * @return whether anything was stored
     */
    public boolean saveStatus(Order order) {
        String[] replaceable = order.status().replaceableStatuses().stream().map(Enum::name).toArray(String[]::new);
        int stored = jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, reason, lines, created_at, updated_at)
                VALUES (:orderId, :customerId, :status, :reason, CAST(:lines AS jsonb), :createdAt, :updatedAt)
                ON CONFLICT (order_id) DO UPDATE
                   SET status = EXCLUDED.status, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
                 WHERE orders.status = ANY(:replaceable)
                """)
                .params(columns(order))
                .param("replaceable", replaceable)
                .update();
        return stored > 0;
    }

    /**
     * Records the order's payment, unless the order is not awaiting payment or already has one: the row lock
     * makes concurrent submissions queue here, and only the first finds the conditions still true.
     *
     * @return whether the payment was recorded; if not, {@link #findById} tells why
     */
    public boolean submitPayment(String orderId, String paymentId, String cardLast4, Instant submittedAt) {
        int updated = jdbc.sql("""
                UPDATE orders
                   SET payment_id = :paymentId, card_last4 = :cardLast4, payment_submitted_at = :submittedAt
                 WHERE order_id = :orderId AND status = 'AWAITING_PAYMENT' AND payment_id IS NULL
                """)
                .param("orderId", orderId)
                .param("paymentId", paymentId)
                .param("cardLast4", cardLast4)
                .param("submittedAt", timestamp(submittedAt))
                .update();
        return updated > 0;
    }

    /**
     * Records the first cancellation request of an order the saga can still cancel.
     *
     * @return the order's status if this was its first cancellation request; empty if it was not recorded
     *     (unknown order, status past cancelling, or asked before), then {@link #findById} tells why
     */
    public Optional<OrderStatus> requestCancellation(String orderId, Instant requestedAt) {
        return jdbc.sql("""
                UPDATE orders
                   SET cancellation_requested_at = :requestedAt
                 WHERE order_id = :orderId AND status IN ('PENDING', 'AWAITING_PAYMENT')
                   AND cancellation_requested_at IS NULL
                RETURNING status
                """)
                .param("orderId", orderId)
                .param("requestedAt", timestamp(requestedAt))
                .query((row, rowNum) -> OrderStatus.valueOf(row.getString("status")))
                .optional();
    }

    private Map<String, Object> columns(Order order) {
        var columns = new HashMap<String, Object>();
        columns.put("orderId", order.orderId());
        columns.put("customerId", order.customerId());
        columns.put("status", order.status().name());
        columns.put("reason", order.reason());
        columns.put("lines", json.writeValueAsString(order.lines()));
        columns.put("createdAt", timestamp(order.createdAt()));
        columns.put("updatedAt", timestamp(order.updatedAt()));
        return columns;
    }

    private Order toOrder(ResultSet row, int rowNum) throws SQLException {
        return new Order(
                row.getString("order_id"),
                row.getString("customer_id"),
                OrderStatus.valueOf(row.getString("status")),
                row.getString("reason"),
                json.readValue(row.getString("lines"), LINES),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                instant(row.getObject("payment_submitted_at", OffsetDateTime.class)),
                instant(row.getObject("cancellation_requested_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
