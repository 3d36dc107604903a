package dev.ordersaga.localstack;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** A PostgreSQL server the user already runs, given as the JDBC URL of any database on it. */
final class ExternalDatabaseServer implements DatabaseServer {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private final String serverUrl;
    private final String parameters;
    private final String user;
    private final String password;
    private final DataSource maintenance;

    private ExternalDatabaseServer(String serverUrl, String parameters, String maintenanceDb, String user,
                                   String password) {
        this.serverUrl = serverUrl;
        this.parameters = parameters;
        this.user = user;
        this.password = password;
        this.maintenance = EmbeddedPostgresServer.dataSource(serverUrl + maintenanceDb + parameters, user, password);
    }

    static ExternalDatabaseServer connect(String jdbcUrl, String user, String password) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new LocalStackException("ORDERSAGA_POSTGRES_URL must look like"
                    + " jdbc:postgresql://host:5432/postgres, not " + jdbcUrl);
        }
        String maintenanceDb = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        String parameters = matcher.group(3) == null ? "" : matcher.group(3);
        var server = new ExternalDatabaseServer(matcher.group(1), parameters, maintenanceDb, user, password);
        try (Connection ignored = server.maintenance.getConnection()) {
            return server;
        } catch (SQLException e) {
            throw new LocalStackException("Cannot connect to the PostgreSQL server at " + jdbcUrl + " as " + user
                    + ": " + e.getMessage() + "\nCheck ORDERSAGA_POSTGRES_URL, ORDERSAGA_POSTGRES_USER and"
                    + " ORDERSAGA_POSTGRES_PASSWORD, or unset ORDERSAGA_POSTGRES_URL to use the embedded server.", e);
        }
    }

    @Override
    public String database(String database) {
        EmbeddedPostgresServer.createDatabase(maintenance, database);
        return serverUrl + database + parameters;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String describe() {
        return "existing server " + serverUrl;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
