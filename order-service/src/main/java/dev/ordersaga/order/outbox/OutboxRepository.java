package dev.ordersaga.order.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox} table: messages written with the business change they announce, deleted once published. */
@Repository
public class OutboxRepository {

    /** The key of the advisory lock that one relay at a time holds: "outbox" in ASCII. */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String topic, String key, byte[] payload) {
        jdbc.sql("INSERT INTO outbox (topic, message_key, payload) VALUES (:topic, :key, :payload)")
                .param("topic", topic)
                .param("key", key)
                .param("payload", payload)
                .update();
    }

    /**
     * Makes the caller's transaction the only relay of every order-service instance until it ends; false if
     * another instance's transaction is relaying now. The lock goes with the transaction, so an instance that dies
     * mid-round (its connection with it) never blocks the others.
     */
    boolean tryLockForRelaying() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                .param("lock", RELAY_LOCK)
                .query(Boolean.class)
                .single();
    }

    /**
     * Takes the oldest messages out of the outbox and returns them, oldest first, in one statement. They are gone
     * for everyone once the caller's transaction commits, and back if it rolls back: the caller commits only once
     * the broker acknowledged every one. Call it holding {@link #tryLockForRelaying()}, which keeps two relays
     * from claiming (and publishing) at once.
     *
     * <p>Id order is each order's own order: an order's later message (a payment, a cancellation) is written by a
     * request that could only find the order once the transaction that wrote its earlier message had committed,
     * so the later message gets a higher id and is never visible without the earlier one. Messages of different
     * orders may commit out of id order; that orders nothing that matters.
     */
    List<OutboxMessage> claimOldest(int size) {
        return jdbc.sql("""
                WITH claimed AS (
                    DELETE FROM outbox
                     WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT :size)
                    RETURNING id, topic, message_key, payload, created_at
                )
                SELECT id, topic, message_key, payload, created_at
                  FROM claimed
                 ORDER BY id
                """)
                .param("size", size)
                .query((row, rowNum) -> new OutboxMessage(row.getLong("id"), row.getString("topic"),
                        row.getString("message_key"), row.getBytes("payload"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }
}
