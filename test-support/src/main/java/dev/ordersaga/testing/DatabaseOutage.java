package dev.ordersaga.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Takes a database of the shared PostgreSQL server away from the service and gives it back, as a PostgreSQL
 * shutdown does: open sessions end with "terminating connection due to administrator command" (SQLSTATE 57P01)
 * and new ones are refused until {@link #close()}.
 */
public final class DatabaseOutage implements AutoCloseable {

    private final DataSource maintenance = TestInfrastructure.get().dataSource("postgres");
    private final String database;
    private Object shortenedPool;
    private long poolConnectionTimeout;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    public static DatabaseOutage begin(String database) throws SQLException {
        DatabaseOutage outage = new DatabaseOutage(database);
        outage.takeDatabaseAway();
        return outage;
    }

    /**
     * Like {@link #begin(String)}, and makes the service's connection pool give up on a connection after
     * {@code wait} while the outage lasts, instead of Hikari's 30 s: every attempt to use the database then fails
     * within moments, so that a test sees in seconds what an outage of minutes does to a service that keeps trying.
     * The pool is changed before the sessions end, so that no request for a connection starts with the long wait.
     * (Hikari reads its connection timeout once, when the pool starts; its MXBean setter changes only the
     * configuration. So this changes the running pool's own copy.)
     */
    public static DatabaseOutage begin(String database, DataSource servicePool, Duration wait) throws SQLException {
        DatabaseOutage outage = new DatabaseOutage(database);
        outage.shortenedPool = servicePool.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        outage.poolConnectionTimeout = setConnectionTimeout(outage.shortenedPool, wait.toMillis());
        try {
            outage.takeDatabaseAway();
        } catch (SQLException | RuntimeException e) {
            // An outage half begun is ended at once: the database takes connections again, the pool waits as long
            // as it did, and the test fails on the cause rather than on what a stuck pool does next.
            try {
                outage.close();
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return outage;
    }

    private void takeDatabaseAway() throws SQLException {
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    @Override
    public void close() throws SQLException {
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        if (shortenedPool != null) {
            setConnectionTimeout(shortenedPool, poolConnectionTimeout);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = maintenance.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** @return the timeout the pool had */
    private static long setConnectionTimeout(Object pool, long millis) {
        try {
            Field timeout = connectionTimeoutField(pool.getClass());
            timeout.setAccessible(true);
            long previous = timeout.getLong(pool);
            timeout.setLong(pool, millis);
            return previous;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This HikariCP keeps its connection timeout elsewhere", e);
        }
    }

    private static Field connectionTimeoutField(Class<?> type) throws NoSuchFieldException {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            try {
                return declaring.getDeclaredField("connectionTimeout");
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException("connectionTimeout in " + type.getName());
    }
}
