package dev.ordersaga.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
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
 * with their order, so showing an order is one primary-key lookup and recording a poll's statuses is one statement.
 */
@Repository
public class OrderRepository {

    private static final TypeReference<List<Order.Line>> LINES = new TypeReference<>() {
    };

    /** Every column the API shows, and the version. */
    private static final String COLUMNS = """
            order_id, customer_id, status, reason, lines, created_at, updated_at, payment_submitted_at,
            cancellation_requested_at, version""";

    /** The statuses and their ranks (see {@link OrderStatus}), so that SQL compares statuses as the enum does. */
    private static final String[] STATUSES = Arrays.stream(OrderStatus.values()).map(Enum::name)
            .toArray(String[]::new);
    private static final Integer[] RANKS = Arrays.stream(OrderStatus.values()).map(OrderStatus::rank)
            .toArray(Integer[]::new);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public StoredOrder insert(Order order) {
        long version = jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, reason, lines, created_at, updated_at)
                VALUES (:orderId, :customerId, :status, :reason, CAST(:lines AS jsonb), :createdAt, :updatedAt)
                RETURNING version
                """)
                .params(columns(order))
                .query(Long.class)
                .single();
        return new StoredOrder(order, version);
    }

    public Optional<Order> findById(String orderId) {
        return findStored(orderId).map(StoredOrder::order);
    }

    public Optional<StoredOrder> findStored(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query(this::toStoredOrder)
                .optional();
    }

    /** The current version of each of {@code orderIds} that exists. */
    public Map<String, Long> findVersions(Collection<String> orderIds) {
        Map<String, Long> versions = new HashMap<>();
        jdbc.sql("SELECT order_id, version FROM orders WHERE order_id = ANY(:orderIds)")
                .param("orderIds", orderIds.toArray(String[]::new))
                .query(row -> {
                    versions.put(row.getString("order_id"), row.getLong("version"));
                });
        return versions;
    }

    /**
     * The stored status of each of {@code orderIds} that exists, its row locked until the caller's transaction
     * ends: what the caller decides from it stays true until it has written.
     */
    public Map<String, OrderStatus> lockStatuses(Collection<String> orderIds) {
        Map<String, OrderStatus> statuses = new HashMap<>();
        jdbc.sql("SELECT order_id, status FROM orders WHERE order_id = ANY(:orderIds) ORDER BY order_id FOR UPDATE")
                .param("orderIds", orderIds.toArray(String[]::new))
                .query(row -> {
                    statuses.put(row.getString("order_id"), OrderStatus.valueOf(row.getString("status")));
                });
        return statuses;
    }

    /**
     * Records each order's status if it ranks higher than the stored one (see {@link OrderStatus}); an order this
     * service never saw (placed straight on the orders topic) is inserted whole. One statement for all of them.
     * Idempotent: a duplicated or late status changes nothing.
     *
     * @param orders at most one per order id (PostgreSQL updates a row only once per statement)
     * @return the orders whose row changed, as stored now
     */
    public List<StoredOrder> saveStatuses(List<Order> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, reason, lines, created_at, updated_at)
                SELECT * FROM unnest(CAST(:orderIds AS varchar[]), CAST(:customerIds AS text[]),
                                     CAST(:statuses AS varchar[]), CAST(:reasons AS text[]),
                                     CAST(:lines AS jsonb[]), CAST(:createdAt AS timestamptz[]),
                                     CAST(:updatedAt AS timestamptz[]))
                ON CONFLICT (order_id) DO UPDATE
                   SET status = EXCLUDED.status, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
                 WHERE (CAST(:ranks AS int[]))[array_position(CAST(:allStatuses AS text[]), orders.status::text)]
                     < (CAST(:ranks AS int[]))[array_position(CAST(:allStatuses AS text[]), EXCLUDED.status::text)]
                RETURNING\s""" + COLUMNS)
                .param("orderIds", orders.stream().map(Order::orderId).toArray(String[]::new))
                .param("customerIds", orders.stream().map(Order::customerId).toArray(String[]::new))
                .param("statuses", orders.stream().map(order -> order.status().name()).toArray(String[]::new))
                .param("reasons", orders.stream().map(Order::reason).toArray(String[]::new))
                .param("lines", orders.stream().map(order -> json.writeValueAsString(order.lines()))
                        .toArray(String[]::new))
                .param("createdAt", orders.stream().map(order -> order.createdAt().toString()).toArray(String[]::new))
                .param("updatedAt", orders.stream().map(order -> order.updatedAt().toString()).toArray(String[]::new))
                .param("ranks", RANKS)
                .param("allStatuses", STATUSES)
                .query(this::toStoredOrder)
                .list();
    }

    /**
     * Records the order's payment, unless the order is not awaiting payment or already has one: the row lock
     * makes concurrent submissions queue here, and only the first finds the conditions still true.
     *
     * @return the order with its payment, or empty if the payment was not recorded; then {@link #findById} tells
     *     why
     */
    public Optional<StoredOrder> submitPayment(String orderId, String paymentId, String cardLast4,
            Instant submittedAt) {
        return jdbc.sql("""
                UPDATE orders
                   SET payment_id = :paymentId, card_last4 = :cardLast4, payment_submitted_at = :submittedAt
                 WHERE order_id = :orderId AND status = 'AWAITING_PAYMENT' AND payment_id IS NULL
                RETURNING\s""" + COLUMNS)
                .param("orderId", orderId)
                .param("paymentId", paymentId)
                .param("cardLast4", cardLast4)
                .param("submittedAt", timestamp(submittedAt))
                .query(this::toStoredOrder)
                .optional();
    }

    /**
     * Records the first cancellation request of an order the saga can still cancel.
     *
     * @return the order with its request if this was its first cancellation request; empty if it was not recorded
     *     (unknown order, status past cancelling, or asked before), then {@link #findById} tells why
     */
    public Optional<StoredOrder> requestCancellation(String orderId, Instant requestedAt) {
        return jdbc.sql("""
                UPDATE orders
                   SET cancellation_requested_at = :requestedAt
                 WHERE order_id = :orderId AND status IN ('PENDING', 'AWAITING_PAYMENT')
                   AND cancellation_requested_at IS NULL
                RETURNING\s""" + COLUMNS)
                .param("orderId", orderId)
                .param("requestedAt", timestamp(requestedAt))
                .query(this::toStoredOrder)
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

    private StoredOrder toStoredOrder(ResultSet row, int rowNum) throws SQLException {
        return new StoredOrder(new Order(
                row.getString("order_id"),
                row.getString("customer_id"),
                OrderStatus.valueOf(row.getString("status")),
                row.getString("reason"),
                json.readValue(row.getString("lines"), LINES),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                instant(row.getObject("payment_submitted_at", OffsetDateTime.class)),
                instant(row.getObject("cancellation_requested_at", OffsetDateTime.class))),
                row.getLong("version"));
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
