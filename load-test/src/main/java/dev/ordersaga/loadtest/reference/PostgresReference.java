package dev.ordersaga.loadtest.reference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The database alone, in a table of its own ({@code bench_stock} in the {@code bench} database): read a row's
 * version, then {@code UPDATE ... WHERE id = ? AND version = ?}, the same versioned write a reservation does,
 * from several connections at once. On one hot row most attempts conflict; on 10,000 rows almost none do.
 * (The SQL lives here rather than in a migration: this table is the benchmark's own scratch space.)
 */
public final class PostgresReference {

    public static final int ROWS = 10_000;

    private static final String READ = "SELECT qty, version FROM bench_stock WHERE id = ?";
    private static final String UPDATE =
            "UPDATE bench_stock SET qty = qty - 1, version = version + 1 WHERE id = ? AND version = ?";

    private PostgresReference() {
    }

    /** @param jdbcUrl of the {@code bench} database, which must exist */
    public static PostgresFigures measure(String jdbcUrl, String user, String password, ReferenceSize size)
            throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_stock");
            statement.execute("CREATE TABLE bench_stock (id integer PRIMARY KEY, qty bigint NOT NULL,"
                    + " version bigint NOT NULL)");
            statement.execute("INSERT INTO bench_stock SELECT g, 1000000000, 0 FROM generate_series(1, " + ROWS
                    + ") g");
            statement.execute("VACUUM ANALYZE bench_stock");
        }
        Counts hot = run(jdbcUrl, user, password, size, () -> 1);
        Counts spread = run(jdbcUrl, user, password, size, () -> 1 + ThreadLocalRandom.current().nextInt(ROWS));
        double seconds = size.dbDuration().toNanos() / 1e9;
        return new PostgresFigures(size.dbThreads(), seconds, hot.updated / seconds, hot.conflicted / seconds, ROWS,
                spread.updated / seconds);
    }

    private record Counts(long updated, long conflicted) {
    }

    private static Counts run(String jdbcUrl, String user, String password, ReferenceSize size, IntSupplier row)
            throws SQLException, InterruptedException {
        AtomicLong updated = new AtomicLong();
        AtomicLong conflicted = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < size.dbThreads(); i++) {
                connections.add(DriverManager.getConnection(jdbcUrl, user, password));
            }
            long deadline = System.nanoTime() + size.dbDuration().toNanos();
            List<Thread> threads = new ArrayList<>();
            List<SQLException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (Connection connection : connections) {
                Thread thread = new Thread(() -> {
                    try (PreparedStatement read = connection.prepareStatement(READ);
                         PreparedStatement update = connection.prepareStatement(UPDATE)) {
                        while (System.nanoTime() < deadline) {
                            int id = row.getAsInt();
                            long version;
                            read.setInt(1, id);
                            try (ResultSet rs = read.executeQuery()) {
                                rs.next();
                                version = rs.getLong(2);
                            }
                            update.setInt(1, id);
                            update.setLong(2, version);
                            if (update.executeUpdate() == 1) {
                                updated.incrementAndGet();
                            } else {
                                conflicted.incrementAndGet();
                            }
                        }
                    } catch (SQLException e) {
                        failures.add(e);
                    }
                }, "pg-bench");
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
        return new Counts(updated.get(), conflicted.get());
    }

    /** The JDBC URL of {@code database} on the server of {@code anyDatabaseUrl}, keeping its parameters. */
    public static String sameServer(String anyDatabaseUrl, String database) {
        return anyDatabaseUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }
}
