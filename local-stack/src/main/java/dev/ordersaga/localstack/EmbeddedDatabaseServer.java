package dev.ordersaga.localstack;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Optional;

/** The default: a real PostgreSQL run from Maven Central binaries, its data kept under the stack's data dir. */
public final class EmbeddedDatabaseServer implements DatabaseServer {

    private final EmbeddedPostgresServer postgres;
    private final Optional<Path> dataDir;

    private EmbeddedDatabaseServer(EmbeddedPostgresServer postgres, Optional<Path> dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static EmbeddedDatabaseServer start(Optional<Path> dataDir, int port) {
        try {
            return new EmbeddedDatabaseServer(EmbeddedPostgresServer.start(dataDir, port), dataDir);
        } catch (RuntimeException e) {
            throw new LocalStackException("""
                    The embedded PostgreSQL could not start: %s
                    Either free the port (or choose another with ORDERSAGA_POSTGRES_PORT), or use a PostgreSQL \
                    server you already run:
                      ORDERSAGA_POSTGRES_URL=jdbc:postgresql://localhost:5432/postgres \
                    ORDERSAGA_POSTGRES_USER=postgres ORDERSAGA_POSTGRES_PASSWORD=secret ./run-local.sh
                    The user needs the right to create databases (orders, inventory)."""
                    .formatted(rootMessage(e)), e);
        }
    }

    @Override
    public String database(String database) {
        postgres.createDatabase(database);
        return postgres.jdbcUrl(database);
    }

    @Override
    public String user() {
        return EmbeddedPostgresServer.USER;
    }

    @Override
    public String password() {
        return EmbeddedPostgresServer.PASSWORD;
    }

    @Override
    public String describe() {
        return "embedded, localhost:" + postgres.port() + dataDir.map(d -> ", data in " + d).orElse("");
    }

    @Override
    public void close() {
        postgres.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
