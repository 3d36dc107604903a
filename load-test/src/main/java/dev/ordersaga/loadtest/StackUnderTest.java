package dev.ordersaga.loadtest;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import dev.ordersaga.localstack.LocalStack;
import dev.ordersaga.localstack.LocalStackSettings;
import dev.ordersaga.loadtest.reference.PostgresReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pipeline a run measures: a local stack started for one strategy (and stopped afterwards), or one already
 * running that the tool only drives.
 *
 * @param bootstrapServers for the Kafka reference figures and {@code --via-kafka}; empty if not known
 * @param benchDatabase the {@code bench} database on the stack's PostgreSQL server, for the reference figures
 */
public record StackUnderTest(String orderUrl, String inventoryUrl, Optional<String> bootstrapServers,
                             Optional<Database> benchDatabase, String description, AutoCloseable stop)
        implements AutoCloseable {

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
                "a fresh local stack per strategy (embedded KRaft broker and PostgreSQL, the four services as"
                        + " child JVMs; logs in " + dataDir.resolve("logs") + ")",
                () -> {
                    stack.close();
                    // The logs stay for a look afterwards; the broker's and database's files are only bulk.
                    deleteRecursively(dataDir.resolve("kafka"));
                    deleteRecursively(dataDir.resolve("postgres"));
                });
    }

    public static StackUnderTest existing(BenchOptions.Existing existing) {
        Optional<Database> database = existing.postgresUrl().map(url -> {
            EmbeddedPostgresServer.createDatabase(
                    EmbeddedPostgresServer.dataSource(url, existing.postgresUser(), existing.postgresPassword()),
                    "bench");
            return new Database(PostgresReference.sameServer(url, "bench"), existing.postgresUser(),
                    existing.postgresPassword());
        });
        return new StackUnderTest(existing.orderUrl(), existing.inventoryUrl(), existing.bootstrapServers(),
                database, "an existing stack (" + existing.label() + "): order-service " + existing.orderUrl()
                        + ", inventory-service " + existing.inventoryUrl(), () -> { });
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
