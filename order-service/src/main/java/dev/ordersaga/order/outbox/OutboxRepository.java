package dev.ordersaga.order.outbox;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox} table: messages written with the business change they announce, deleted once published. */
@Repository
public class OutboxRepository {

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
     * The oldest messages no other relay holds, locked until the caller's transaction ends; rows another
     * instance is publishing are skipped rather than waited for.
     */
    List<OutboxMessage> claimBatch(int size) {
        return jdbc.sql("""
                SELECT id, topic, message_key, payload
                  FROM outbox
                 ORDER BY id
                 LIMIT :size
                   FOR UPDATE SKIP LOCKED
                """)
                .param("size", size)
                .query((row, rowNum) -> new OutboxMessage(row.getLong("id"), row.getString("topic"),
                        row.getString("message_key"), row.getBytes("payload")))
                .list();
    }

    void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM outbox WHERE id = ANY(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .update();
        }
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }
}
