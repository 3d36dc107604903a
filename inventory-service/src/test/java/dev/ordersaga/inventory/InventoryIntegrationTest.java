package dev.ordersaga.inventory;

import static org.awaitility.Awaitility.await;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.inventory.stock.ProductStockRepository;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.testing.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service against the shared real broker and database. Test classes extend this unchanged, so they share
 * one Spring context; a subclass that sets other properties (the distributed-lock strategy) gets a second one.
 * Tests stay apart by using products and orders of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "inventory.seed.products=3",
        "inventory.seed.stock=50",
        "inventory.seed.prefix=seeded-"})
// The hot-product tests need exactly 50 reserved and 250 out of stock: with the default 5 attempts, an order that
// loses the race on every one of them (orders reached their 5th attempt in these tests) would end
// CONFLICT_RETRIES_EXHAUSTED instead.
// The conflict tests are about the retry topics, so every conflict goes there; ReservationServiceTest covers the
// immediate retries with a service of its own.
// A subclass's @TestPropertySource overrides this.
@TestPropertySource(properties = {
        "inventory.reservation.retry.attempts=8",
        "inventory.reservation.retry.immediate-retries=0"})
public abstract class InventoryIntegrationTest {

    /** The listeners consuming now: those of the context whose tests run. */
    private static KafkaListenerEndpointRegistry consuming;

    @Autowired
    protected ProductStockRepository stock;

    @Autowired
    protected MeterRegistry registry;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.register(properties, "inventory");
    }

    /**
     * Cached contexts stay alive between test classes, and all of them consume in one consumer group: without this,
     * another context (another strategy) would take half of this test's commands.
     */
    @BeforeEach
    void consumeInThisContextOnly() {
        if (consuming == listeners) {
            return;
        }
        if (consuming != null) {
            consuming.stop();
        }
        listeners.getListenerContainers().stream()
                .filter(MessageListenerContainer::isAutoStartup)
                .filter(container -> !container.isRunning())
                .forEach(MessageListenerContainer::start);
        consuming = listeners;
        // Until the group settles, one consumer may hold every partition: a test would then see no concurrency.
        await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getListenerContainers().stream()
                .filter(MessageListenerContainer::isRunning)
                .flatMap(container -> container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                        ? concurrent.getContainers().stream()
                        : Stream.of(container))
                .allMatch(consumer -> consumer.getAssignedPartitions() != null
                        && !consumer.getAssignedPartitions().isEmpty()));
    }

    /** A product no other test uses, with {@code available} units and nothing reserved. */
    protected String newProduct(int available) {
        String productId = "product-" + UUID.randomUUID();
        stock.insertIfAbsent(productId, available);
        return productId;
    }

    /**
     * A product whose stock no update reaches, as if another writer always got there first: every versioned update
     * of it conflicts.
     */
    protected String newFrozenProduct(int available, int reserved) {
        loseUpdatesOfTestProducts();
        String productId = "frozen-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO product_stock (product_id, available, reserved) VALUES (:id, :available, :reserved)")
                .param("id", productId)
                .param("available", available)
                .param("reserved", reserved)
                .update();
        return productId;
    }

    /**
     * A product whose first {@code conflicts} versioned updates are lost, as if another writer got there first each
     * time; later updates go through. A sequence per product counts the updates: unlike a table, it is not rolled
     * back with the conflicted transaction.
     */
    protected String newProductConflictingOnFirstUpdates(int available, int conflicts) {
        loseUpdatesOfTestProducts();
        String productId = "flaky-" + conflicts + "-" + UUID.randomUUID();
        jdbc.sql("CREATE SEQUENCE \"" + productId + "\"").update();
        stock.insertIfAbsent(productId, available);
        return productId;
    }

    /**
     * A trigger, installed here and in the test database only, that skips updates of {@code frozen-*} products
     * always and of {@code flaky-<n>-*} products the first n times.
     */
    private void loseUpdatesOfTestProducts() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_lose_updates_of_test_products() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.product_id LIKE 'frozen-%' THEN
                        RETURN NULL;
                    END IF;
                    IF OLD.product_id LIKE 'flaky-%'
                       AND nextval(format('%I', OLD.product_id)::regclass) <= split_part(OLD.product_id, '-', 2)::int
                    THEN
                        RETURN NULL;
                    END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("""
                CREATE OR REPLACE TRIGGER lose_updates_of_test_products BEFORE UPDATE ON product_stock
                FOR EACH ROW EXECUTE FUNCTION test_lose_updates_of_test_products()""").update();
    }

    protected static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    protected ProductStock stockOf(String productId) {
        return stock.findById(productId).orElseThrow();
    }

    /** The sum of counter {@code name} over every series that has {@code tags} (name, value, ...). */
    protected double counted(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** How many events timer {@code name} recorded, over every series that has {@code tags}. */
    protected long timed(String name, String... tags) {
        return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    protected static ReserveInventory reserve(String orderId, OrderLine... lines) {
        return new ReserveInventory(orderId, List.of(lines));
    }

    protected static OrderLine line(String productId, int quantity) {
        return new OrderLine(productId, quantity);
    }
}
