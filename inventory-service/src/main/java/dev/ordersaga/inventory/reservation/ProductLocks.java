package dev.ordersaga.inventory.reservation;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.SortedSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The distributed lock of the {@code distributed-lock} strategy: one PostgreSQL session-level advisory lock per
 * product, taken on a connection of its own and held while the read-modify-write runs in a transaction on another.
 *
 * <p>Why advisory locks: they need no infrastructure beyond the database every instance already uses, which is what
 * makes them shared by all instances; and a lock belongs to its database session, so it is released when the
 * session ends, even if the instance holding it dies.
 *
 * <p>What differs from the Redis locks of the system being replaced: a Redis lock is a lease that expires after its
 * timeout (2 s there) whether or not its holder has finished, so a slow update could outlive its lock and overlap
 * the next holder's, which is how that system lost stock updates. An advisory lock never expires while its session
 * lives: two writers of one product cannot overlap. The wait timeout here bounds how long a waiter waits, never how
 * long a holder holds.
 *
 * <p>Locks are taken in product-id order, so two batches sharing products cannot deadlock on each other. (Two product
 * ids whose hashes collide share a lock; should that ever close a cycle, PostgreSQL's deadlock detection ends one
 * wait, which counts as a failed try.)
 */
@Component
class ProductLocks {

    /** The first key of every lock: these locks cannot collide with other advisory locks in the database ("INV"). */
    static final int NAMESPACE = 0x494E56;

    private static final Logger log = LoggerFactory.getLogger(ProductLocks.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final DataSource dataSource;
    private final ReservationProperties.Lock settings;
    private final ReservationMetrics metrics;

    ProductLocks(DataSource dataSource, ReservationProperties properties, ReservationMetrics metrics) {
        this.dataSource = dataSource;
        this.settings = properties.lock();
        this.metrics = metrics;
    }

    /** Locks that are released by closing them. */
    interface Held extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * Locks every product, waiting up to the wait timeout for each; when one is not acquired in time, releases
     * those it holds (so that a batch waiting for them can go on) and tries again at once, up to the configured
     * number of tries. No pause between tries: a batch that cannot get its locks goes the retry-topic way instead.
     *
     * @throws LockNotAcquiredException when the last try failed too; no lock is held then
     */
    Held lockAll(SortedSet<String> productIds) {
        if (productIds.isEmpty()) {
            return () -> {
            };
        }
        long started = System.nanoTime();
        Connection session = openSession();
        try {
            for (int tryNumber = 1; tryNumber <= settings.tries(); tryNumber++) {
                if (tryToLockAll(session, productIds)) {
                    metrics.lockWait(Duration.ofNanos(System.nanoTime() - started), true);
                    return () -> endSession(session);
                }
                log.debug("Products {} stayed locked for {} ms; try {} of {}", productIds,
                        settings.waitTimeout().toMillis(), tryNumber, settings.tries());
            }
        } catch (SQLException e) {
            endSession(session);
            throw failure("lock " + productIds, e);
        } catch (RuntimeException e) {
            endSession(session);
            throw e;
        }
        endSession(session);
        metrics.lockWait(Duration.ofNanos(System.nanoTime() - started), false);
        throw new LockNotAcquiredException("Could not lock " + productIds + " in " + settings.tries() + " tries of "
                + settings.waitTimeout().toMillis() + " ms per lock");
    }

    /** @return whether every lock was acquired; when not, none is held */
    private boolean tryToLockAll(Connection session, SortedSet<String> productIds) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            for (String productId : productIds) {
                lock.setInt(1, NAMESPACE);
                lock.setString(2, productId);
                lock.execute();
            }
            return true;
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && !DEADLOCK_DETECTED.equals(e.getSQLState())) {
                throw e;
            }
            unlockAll(session);
            return false;
        }
    }

    /** A pooled connection whose lock waits give up after the wait timeout (the session is autocommit). */
    private Connection openSession() {
        try {
            Connection session = dataSource.getConnection();
            try (PreparedStatement timeout = session.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
                timeout.setString(1, settings.waitTimeout().toMillis() + "ms");
                timeout.execute();
                return session;
            } catch (SQLException e) {
                session.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("open a session for product locks", e);
        }
    }

    private static void unlockAll(Connection session) throws SQLException {
        try (Statement unlock = session.createStatement()) {
            unlock.execute("SELECT pg_advisory_unlock_all()");
        }
    }

    /** Releases every lock of the session and gives its connection back to the pool as the pool handed it out. */
    private void endSession(Connection session) {
        try {
            unlockAll(session);
            try (Statement reset = session.createStatement()) {
                reset.execute("RESET lock_timeout");
            }
            session.close();
        } catch (SQLException e) {
            log.error("Could not release product locks; closing their database session instead", e);
            discard(session);
        }
    }

    /** A session that may still hold locks must not go back to the pool: ending it releases them. */
    private void discard(Connection session) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(session);
            return;
        }
        try {
            session.close();
        } catch (SQLException e) {
            log.warn("Could not close a database session that held product locks", e);
        }
    }

    private static DataAccessResourceFailureException failure(String action, SQLException e) {
        return new DataAccessResourceFailureException("Could not " + action + ": " + e.getMessage(), e);
    }
}
