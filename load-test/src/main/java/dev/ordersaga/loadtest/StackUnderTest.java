package dev.ordersaga.loadtest;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import dev.ordersaga.localstack.LocalStack;
import dev.ordersaga.localstack.LocalStackSettings;
import dev.ordersaga.localstack.ServiceProcess;
import dev.ordersaga.loadtest.cpu.CpuMeter;
import dev.ordersaga.loadtest.cpu.MeasuredProcess;
import dev.ordersaga.loadtest.cpu.RunningStackProcesses;
import dev.ordersaga.loadtest.reference.PostgresReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The pipeline a run measures: a local stack started for one strategy (and stopped afterwards), or one already
 * running that the tool only drives.
 *
 * @param bootstrapServers for the Kafka reference figures and {@code --via-kafka}; empty if not known
 * @param benchDatabase the {@code bench} database on the stack's PostgreSQL server, for the reference figures
 * @param cpu samples the CPU time of the stack's processes (those it could find, for a running stack)
 */
public record StackUnderTest(String orderUrl, String inventoryUrl, Optional<String> bootstrapServers,
                             Optional<Database> benchDatabase, String description, CpuMeter cpu,
                             AutoCloseable stop) implements AutoCloseable {

    public record Database(String jdbcUrl, String user, String password) {
    }

    /** A fresh stack in a temporary directory, every port free, inventory-service running {@code strategy}. */
    public static StackUnderTest start(Path projectRoot, String strategy) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ordersaga-bench-" + strategy + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = new LocalStack(LocalStackSettings.isolated(projectRoot, dataDir,
                List.of("--inventory.reservation.strategy=" + strategy)));
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        var services = stack.services();
        var database = new Database(stack.database().database("bench"), stack.database().user(),
                stack.database().password());
        return new StackUnderTest(services.orderServiceUrl(), services.inventoryServiceUrl(),
                Optional.of(stack.kafkaBootstrapServers()), Optional.of(database),
                "a fresh local stack per strategy and repetition (embedded KRaft broker and PostgreSQL, the broker"
                        + " and the four services as child JVMs; logs in " + dataDir.resolve("logs") + ")",
                new CpuMeter(processesOf(stack, dataDir)),
                () -> {
                    stack.close();
                    // The logs stay for a look afterwards; the broker's and database's files are only bulk.
                    deleteRecursively(dataDir.resolve("kafka"));
                    deleteRecursively(dataDir.resolve("postgres"));
                });
    }

    private static List<MeasuredProcess> processesOf(LocalStack stack, Path dataDir) {
        List<MeasuredProcess> parts = new ArrayList<>();
        for (String module : List.of("order-service", "inventory-service", "saga-orchestrator", "payment-service")) {
            ServiceProcess process = stack.services().process(module);
            parts.add(MeasuredProcess.of(module, process.handle()));
        }
        stack.kafkaProcess().ifPresent(p -> parts.add(MeasuredProcess.of("Kafka broker", p)));
        EmbeddedPostgresServer.serverProcessOf(dataDir.resolve("postgres"))
                .ifPresent(p -> parts.add(MeasuredProcess.tree("PostgreSQL", p)));
        return parts;
    }

    public static StackUnderTest existing(BenchOptions.Existing existing) {
        Optional<Database> database = existing.postgresUrl().map(url -> {
            EmbeddedPostgresServer.createDatabase(
                    EmbeddedPostgresServer.dataSource(url, existing.postgresUser(), existing.postgresPassword()),
                    "bench");
            return new Database(PostgresReference.sameServer(url, "bench"), existing.postgresUser(),
                    existing.postgresPassword());
        });
        OptionalInt postgresPort = existing.postgresUrl()
                .map(url -> URI.create(url.substring("jdbc:".length())).getPort())
                .filter(port -> port > 0).map(OptionalInt::of).orElse(OptionalInt.empty());
        return new StackUnderTest(existing.orderUrl(), existing.inventoryUrl(), existing.bootstrapServers(),
                database, "an existing stack (" + existing.label() + "): order-service " + existing.orderUrl()
                        + ", inventory-service " + existing.inventoryUrl(),
                new CpuMeter(RunningStackProcesses.find(URI.create(existing.orderUrl()).getPort(),
                        URI.create(existing.inventoryUrl()).getPort(), postgresPort)), () -> { });
    }

    /**
     * What a commit waits for on the stack's PostgreSQL, e.g. {@code synchronous_commit=on, fsync=on}; empty when
     * the bench has no connection to it.
     */
    public Optional<String> commitDurability() {
        return benchDatabase.map(db -> {
            try (Connection connection = EmbeddedPostgresServer.dataSource(db.jdbcUrl(), db.user(), db.password())
                    .getConnection(); Statement statement = connection.createStatement()) {
                return "synchronous_commit=" + show(statement, "synchronous_commit") + ", fsync="
                        + show(statement, "fsync");
            } catch (SQLException e) {
                return "not read: " + e.getMessage();
            }
        });
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
