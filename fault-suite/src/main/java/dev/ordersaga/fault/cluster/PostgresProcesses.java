package dev.ordersaga.fault.cluster;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import dev.ordersaga.localstack.DatabaseServer;
import dev.ordersaga.localstack.EmbeddedDatabaseServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded PostgreSQL with its data in one directory. Its server runs as processes of its own (the postmaster
 * and its backends), so killing it is a SIGKILL of those, as a crash or the OOM killer would do, and restarting
 * it is starting a server on the same data directory and port.
 */
final class PostgresProcesses implements DatabaseServer {

    private final Path dataDir;
    private final int port;
    private volatile EmbeddedDatabaseServer server;

    private PostgresProcesses(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = EmbeddedDatabaseServer.start(Optional.of(dataDir), port);
    }

    static PostgresProcesses start(Path dataDir, int port) {
        return new PostgresProcesses(dataDir, port);
    }

    void kill() {
        ProcessHandle postmaster = EmbeddedPostgresServer.serverProcessOf(dataDir)
                .orElseThrow(() -> new IllegalStateException("No running PostgreSQL in " + dataDir));
        Kill.all(Kill.withDescendants(postmaster), Duration.ofSeconds(30));
        // Lets go of the data directory; its attempt to stop the dead server fails harmlessly.
        server.close();
    }

    void restart() {
        server = EmbeddedDatabaseServer.start(Optional.of(dataDir), port);
    }

    @Override
    public String database(String database) {
        return server.database(database);
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public String describe() {
        return server.describe();
    }

    @Override
    public void close() {
        server.close();
    }
}
