package dev.ordersaga.localstack;

import dev.ordersaga.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The four services and the saga console started once per test JVM from their executable jars, exactly as
 * {@code ./run-local.sh} starts them, against the shared test broker and database. Stopped when the JVM exits.
 */
final class RunningPipeline {

    static final int SEED_PRODUCTS = 10;
    static final int SEED_STOCK = 50;
    /** Short, so that tests see unpaid orders expire; long enough for every test to pay in time. */
    static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(15);

    private static OrderSagaServices services;

    private RunningPipeline() {
    }

    static synchronized OrderSagaServices get() {
        if (services == null) {
            TestInfrastructure infra = TestInfrastructure.get();
            DatabaseServer database = ExternalDatabaseServer.connect(infra.jdbcUrl("postgres"),
                    infra.postgresUser(), infra.postgresPassword());
            var ports = OrderSagaServices.Ports.free();
            services = OrderSagaServices.start(new OrderSagaServices.Settings(projectRoot(),
                    infra.kafkaBootstrapServers(), database, ports, SEED_PRODUCTS, SEED_STOCK, workDir(),
                    List.of("--spring.kafka.streams.application-id=saga-orchestrator-e2e",
                            "--saga.payment-timeout=" + PAYMENT_TIMEOUT.toSeconds() + "s",
                            "--saga.command-retry-interval=5s",
                            "--payment.simulator.slow-answer-delay=2s"), Map.of()).withConsole(),
                    Duration.ofMinutes(3));
            Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        }
        return services;
    }

    /** Surefire runs in the module directory; the jars are in the sibling modules. */
    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    private static Path workDir() {
        try {
            return Files.createTempDirectory("ordersaga-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
