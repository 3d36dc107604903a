package dev.ordersaga.order.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.order.OrderServiceIntegrationTest;
import dev.ordersaga.testing.DatabaseOutage;
import dev.ordersaga.testing.KafkaTestClient.TopicReader;
import dev.ordersaga.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OutboxRelayTest extends OrderServiceIntegrationTest {

    @Autowired
    private OutboxRepository outbox;

    @Autowired
    private OutboxPublisher publisher;

    @Autowired
    private OutboxRelay relay;

    @Autowired
    private OutboxProperties properties;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldEmptyOutboxOnceOrderIsPublished() {
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            String orderId = placeOrder("c-30", "p-30", 1);

            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldMarkTheOrderPlacedOfAnOrderItStoredAsCreatedByOrderService() {
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            String orderId = placeOrder("c-33", "p-33", 1);

            assertThat(orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT).getCreatedByOrderService()).isTrue();
        }
    }

    @Test
    void shouldPublishAWholeBatchInIdOrderAtOnceAndDeleteItWithTheSameCommit() throws Exception {
        int batchSize = properties.batchSize();
        List<String> orderIds = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int messagesPerOrder = batchSize / orderIds.size() + 5; // a full batch, then some
        relay.stop();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS);
                Producer<String, byte[]> lingering = producerThatLingersForTenMinutes()) {
            try {
                for (int sequence = 0; sequence < messagesPerOrder; sequence++) {
                    for (String orderId : orderIds) {
                        outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId, "c-" + sequence));
                    }
                }
                List<Long> ids = jdbc.sql("SELECT id FROM outbox ORDER BY id").query(Long.class).list();
                assertThat(ids).hasSize(orderIds.size() * messagesPerOrder);

                // Without a flush the records would wait ten minutes for their batches to fill.
                OutboxPublisher.Batch first = CompletableFuture
                        .supplyAsync(() -> publisher.publishNextBatch(lingering))
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                assertThat(first).isEqualTo(new OutboxPublisher.Batch(batchSize, batchSize, true));
                assertThat(jdbc.sql("SELECT id FROM outbox ORDER BY id").query(Long.class).list())
                        .isEqualTo(ids.subList(batchSize, ids.size()));

                OutboxPublisher.Batch rest = CompletableFuture
                        .supplyAsync(() -> publisher.publishNextBatch(lingering))
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                assertThat(rest.published()).isEqualTo(ids.size() - batchSize);
                assertThat(rest.moreWaiting()).isFalse();
                assertThat(outbox.count()).isZero();
            } finally {
                relay.start();
            }
            Map<String, List<String>> customersByOrder = await().atMost(TIMEOUT).pollInterval(Duration.ZERO)
                    .until(() -> customersByOrder(orders, orderIds),
                            byOrder -> byOrder.values().stream().mapToInt(List::size).sum()
                                    == orderIds.size() * messagesPerOrder);
            List<String> written = IntStream.range(0, messagesPerOrder).mapToObj(i -> "c-" + i).toList();
            assertThat(customersByOrder).allSatisfy((orderId, customers) ->
                    assertThat(customers).as("order %s, in topic order", orderId).isEqualTo(written));
        }
    }

    @Test
    void shouldKeepEveryMessageOfABatchWhenOneOfItsSendsFailsAndPublishThemAgainInOrder() {
        String orderId = UUID.randomUUID().toString();
        String otherOrderId = UUID.randomUUID().toString();
        relay.stop();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS);
                Producer<String, byte[]> producer = producerThatLingersForTenMinutes()) {
            try {
                outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId, "c-first"));
                // Larger than the producer takes: its send fails, whatever the broker does.
                outbox.insert(Topics.ORDERS, otherOrderId, new byte[2 * 1024 * 1024]);
                outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId, "c-second"));

                OutboxPublisher.Batch failed = publisher.publishNextBatch(producer);

                assertThat(failed).isEqualTo(new OutboxPublisher.Batch(3, 0, false));
                assertThat(outbox.count()).isEqualTo(3);

                jdbc.sql("DELETE FROM outbox WHERE message_key = ?").param(otherOrderId).update();
                OutboxPublisher.Batch retried = publisher.publishNextBatch(producer);

                assertThat(retried).isEqualTo(new OutboxPublisher.Batch(2, 2, false));
                assertThat(outbox.count()).isZero();
            } finally {
                relay.start();
            }
            // The messages acknowledged in the failed batch went out again after it, each order's in order.
            Map<String, List<String>> customersByOrder = await().atMost(TIMEOUT).pollInterval(Duration.ZERO)
                    .until(() -> customersByOrder(orders, List.of(orderId)),
                            byOrder -> byOrder.getOrDefault(orderId, List.of()).size() == 4);
            assertThat(customersByOrder.get(orderId)).containsExactly("c-first", "c-second", "c-first", "c-second");
        }
    }

    @Test
    void shouldPublishMessagesNobodyWokeItForWhenItPolls() {
        // A row committed without a wake-up: what a crash between commit and publish leaves behind.
        String orderId = UUID.randomUUID().toString();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));

            assertThat(orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT).getCustomerId()).isEqualTo("c-31");
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldStampRecordWithTimeItsRequestWasAcceptedRatherThanWhenItWasRelayed() {
        // What an outage leaves behind: a message accepted minutes before the relay could publish it.
        String orderId = UUID.randomUUID().toString();
        Instant accepted = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            jdbc.sql("INSERT INTO outbox (topic, message_key, payload, created_at) VALUES (?, ?, ?, ?)")
                    .params(Topics.ORDERS, orderId, orderPlaced(orderId), accepted.atOffset(ZoneOffset.UTC))
                    .update();

            ConsumerRecord<String, byte[]> record = orders.await(
                    published -> orderId.equals(published.key()), TIMEOUT);

            assertThat(Instant.ofEpochMilli(record.timestamp())).isEqualTo(accepted);
        }
    }

    @Test
    void shouldLeaveMessagesToTheInstanceThatIsRelayingAndPublishThemOnceItIsDone() throws Exception {
        String orderId = UUID.randomUUID().toString();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS);
                Connection otherInstance = TestInfrastructure.get().dataSource("orders").getConnection()) {
            otherInstance.setAutoCommit(false);
            try (Statement statement = otherInstance.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + OutboxRepository.RELAY_LOCK + ")");
            }

            outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));
            relay.onMessageAdded(new OutboxMessageAdded(Topics.ORDERS, orderId));

            assertThat(orders.drain(Duration.ofSeconds(2))).noneMatch(record -> orderId.equals(record.key()));

            otherInstance.commit();

            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldKeepMessagesWhileBrokerIsUnreachableAndPublishThemLater() {
        String orderId = UUID.randomUUID().toString();
        relay.stop();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS);
                Producer<String, byte[]> unreachable = producerForUnreachableBroker()) {
            try {
                outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));

                OutboxPublisher.Batch batch = publisher.publishNextBatch(unreachable);

                assertThat(batch.claimed()).isEqualTo(1);
                assertThat(batch.published()).isZero();
                assertThat(outbox.count()).isEqualTo(1);
            } finally {
                relay.start();
            }
            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> outbox.count() == 0);
        }
    }

    @Test
    void shouldPublishWhatWasCommittedBeforeStoppingAndEndItsThread() {
        // Committed without a wake-up, just before shutdown: only the relay's last round can still publish it.
        String orderId = UUID.randomUUID().toString();
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            Thread relayThread = relayThread();
            try {
                outbox.insert(Topics.ORDERS, orderId, orderPlaced(orderId));

                Duration stopping = timed(relay::stop);

                assertThat(outbox.count()).isZero();
                assertThat(relayThread.isAlive()).isFalse();
                assertThat(stopping).isLessThan(OutboxRelay.DRAIN_TIMEOUT);
            } finally {
                relay.start();
            }
            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
        }
    }

    @Test
    void shouldStopPromptlyWhenDatabaseWentAwayWhileRelaying() throws Exception {
        Thread relayThread = relayThread();
        try {
            try (DatabaseOutage outage = databaseGoesAwayWhileRelayClaimsBatch()) {
                // The relay failed and now waits for a pool connection, which takes Hikari 30 s to give up on.
                await().atMost(TIMEOUT).until(this::relayWaitsForConnection);

                Duration stopping = timed(relay::stop);

                assertThat(relayThread.isAlive()).isFalse();
                assertThat(stopping).isLessThan(OutboxRelay.DRAIN_TIMEOUT);
            }
        } finally {
            if (!relay.isRunning()) {
                relay.start();
            }
        }
        try (TopicReader orders = kafka.readFromNow(Topics.ORDERS)) {
            String orderId = placeOrder("c-32", "p-32", 1);

            orders.awaitMessage(OrderPlaced.class, orderId, TIMEOUT);
        }
    }

    @Test
    void shouldInterruptRelayStillWaitingForDatabaseWhenDrainTimeoutEnds() throws Exception {
        Thread relayThread = relayThread();
        List<Connection> wholePool = new ArrayList<>();
        try {
            // Nothing failed yet, so stop() first grants the relay its drain time, in vain: no connection comes.
            for (int i = 0; i < hikari().getMaximumPoolSize(); i++) {
                wholePool.add(dataSource.getConnection());
            }
            await().atMost(TIMEOUT).until(this::relayWaitsForConnection);

            Duration stopping = timed(relay::stop);

            assertThat(relayThread.isAlive()).isFalse();
            assertThat(stopping).isLessThan(OutboxRelay.DRAIN_TIMEOUT.plus(OutboxRelay.INTERRUPTED_STOP_TIMEOUT));
        } finally {
            for (Connection connection : wholePool) {
                connection.close();
            }
            if (!relay.isRunning()) {
                relay.start();
            }
        }
    }

    /**
     * Holds the relay inside its claim of the outbox, then ends every session of the orders database: the relay
     * fails mid-statement as it did when PostgreSQL shut down under it. An ACCESS EXCLUSIVE table lock holds the
     * claim, whatever rows the outbox holds.
     */
    private static DatabaseOutage databaseGoesAwayWhileRelayClaimsBatch() throws Exception {
        Connection locker = TestInfrastructure.get().dataSource("orders").getConnection();
        locker.setAutoCommit(false);
        try (Statement statement = locker.createStatement()) {
            statement.execute("LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE");
        }
        await().atMost(TIMEOUT).until(OutboxRelayTest::relayWaitsForOutboxLock);
        DatabaseOutage outage = DatabaseOutage.begin("orders");
        locker.close();
        return outage;
    }

    private static boolean relayWaitsForOutboxLock() throws Exception {
        try (Connection connection = TestInfrastructure.get().dataSource("postgres").getConnection();
                Statement statement = connection.createStatement();
                ResultSet waiting = statement.executeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE datname = 'orders' AND wait_event_type = 'Lock'
                           AND query LIKE '%FROM outbox%ORDER BY id%'
                        """)) {
            return waiting.next() && waiting.getLong(1) > 0;
        }
    }

    private boolean relayWaitsForConnection() throws Exception {
        return hikari().getHikariPoolMXBean().getThreadsAwaitingConnection() > 0;
    }

    private HikariDataSource hikari() throws Exception {
        return dataSource.unwrap(HikariDataSource.class);
    }

    private static Thread relayThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(OutboxRelay.THREAD_NAME))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + OutboxRelay.THREAD_NAME + " thread is running"));
    }

    private static Duration timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The customer of each order's OrderPlaced messages read so far, in the order the topic holds them. */
    private static Map<String, List<String>> customersByOrder(TopicReader orders, List<String> orderIds) {
        Map<String, List<String>> byOrder = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : orders.drain(Duration.ofMillis(200))) {
            if (orderIds.contains(record.key()) && orders.decode(record) instanceof OrderPlaced placed) {
                byOrder.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(placed.getCustomerId());
            }
        }
        return byOrder;
    }

    private static byte[] orderPlaced(String orderId) {
        return orderPlaced(orderId, "c-31");
    }

    private static byte[] orderPlaced(String orderId, String customerId) {
        return new AvroMessageSerializer<SpecificRecord>().serialize(Topics.ORDERS, OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setLines(List.of(new OrderLine("p-31", 2)))
                .setPlacedAt(Instant.parse("2026-03-01T10:15:30Z"))
                .build());
    }

    /** A producer that sends a batch only once it is full, or flushed: any record would wait ten minutes. */
    private static Producer<String, byte[]> producerThatLingersForTenMinutes() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(11).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Producer<String, byte[]> producerForUnreachableBroker() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(1).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
