package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The baseline strategy: a batch's products are locked, so no versioned update ever finds its row changed. Locked
 * batches do not race, so the default 5 attempts do; shorter lock waits than the defaults keep a lock held by the
 * test from taking half a minute to run out of attempts.
 */
@TestPropertySource(properties = {
        "inventory.reservation.strategy=distributed-lock",
        "inventory.reservation.retry.attempts=5",
        "inventory.reservation.lock.wait-timeout=300ms",
        "inventory.reservation.lock.tries=2"})
class DistributedLockContentionTest extends ContentionTest {

    @Override
    void assertContentionResolvedTheStrategysWay(Contention contention) {
        // One acquisition per batch, not per order: how many depends on how the orders were polled.
        assertThat(contention.lockWaits()).as("lock acquisitions").isPositive();
        assertThat(contention.versionConflicts()).as("stale reads under the lock").isZero();
    }

    @Test
    void shouldTreatALockHeldElsewhereLikeAConflictAndRejectWithConflictRetriesExhaustedAfterTheLastAttempt()
            throws SQLException {
        String product = newProduct(5);
        String orderId = newOrderId();
        int attempts = properties.retry().attempts();
        long notAcquiredBefore = timed("ordersaga.inventory.lock.wait", "outcome", "not_acquired");
        double lockConflictsBefore = counted("ordersaga.inventory.conflicts", "kind", "lock");

        try (Connection otherInstance = TestInfrastructure.get().dataSource("inventory").getConnection();
                var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            lock(otherInstance, product);
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 1)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
        }

        assertThat(timed("ordersaga.inventory.lock.wait", "outcome", "not_acquired") - notAcquiredBefore)
                .isEqualTo(attempts);
        assertThat(counted("ordersaga.inventory.conflicts", "kind", "lock") - lockConflictsBefore)
                .isEqualTo(attempts);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldReserveOnceTheSessionHoldingTheLockHasEnded() throws SQLException {
        String product = newProduct(5);
        String orderId = newOrderId();
        try (Connection crashedInstance = TestInfrastructure.get().dataSource("inventory").getConnection()) {
            lock(crashedInstance, product);
        }

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 2)));

            events.awaitMessage(InventoryReserved.class, orderId, TIMEOUT);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 3, 2, 0, 1));
    }

    /** Takes the lock the service takes for {@code product}, as another instance would. */
    private static void lock(Connection session, String product) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, ProductLocks.NAMESPACE);
            lock.setString(2, product);
            lock.execute();
        }
    }
}
