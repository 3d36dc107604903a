package dev.ordersaga.order.outbox;

import dev.ordersaga.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Takes a database of the shared PostgreSQL server away from the service and gives it back, as a PostgreSQL
 * shutdown does: open sessions end with "terminating connection due to administrator command" (SQLSTATE 57P01)
 * and new ones are refused until {@link #close()}.
 */
final class DatabaseOutage implements AutoCloseable {

    private final DataSource maintenance = TestInfrastructure.get().dataSource("postgres");
    private final String database;

    private DatabaseOutage(String database) {
        this.database = database;
    }

    static DatabaseOutage begin(String database) throws SQLException {
        DatabaseOutage outage = new DatabaseOutage(database);
        outage.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        outage.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        return outage;
    }

    @Override
    public void close() throws SQLException {
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = maintenance.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
