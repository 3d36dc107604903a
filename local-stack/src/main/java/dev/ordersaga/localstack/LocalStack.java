package dev.ordersaga.localstack;

import dev.ordersaga.infra.InProcessKafkaBroker;
import dev.ordersaga.messaging.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: broker, database, topics, services. Stops in reverse order. Started by
 * {@code ./run-local.sh}, and by the load test once per reservation strategy.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackSettings settings;
    /** One of the two: the broker in this JVM, or in a JVM of its own ({@link LocalStackSettings#brokerInOwnJvm}). */
    private InProcessKafkaBroker kafka;
    private KafkaBrokerJvm kafkaJvm;
    private DatabaseServer database;
    private OrderSagaServices services;
    private volatile boolean closing;

    public LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    public void start() {
        if (settings.clean()) {
            deleteRecursively(settings.dataDir());
            log.info("Clean start: removed {}", settings.dataDir());
        }
        try {
            if (settings.brokerInOwnJvm()) {
                kafkaJvm = KafkaBrokerJvm.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                        settings.dataDir().resolve("logs").resolve("kafka.log"), Duration.ofMinutes(2));
            } else {
                kafka = InProcessKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            }
        } catch (RuntimeException e) {
            throw new LocalStackException("The Kafka broker could not start: " + e.getMessage()
                    + "\nChoose another port with ORDERSAGA_KAFKA_PORT, or start afresh with --clean if its data"
                    + " in " + settings.dataDir().resolve("kafka") + " is damaged.", e);
        }
        InProcessKafkaBroker.createTopics(kafkaBootstrapServers(), Topics.newTopics(Topics.PARTITIONS, (short) 1));
        database = settings.postgresUrl()
                .<DatabaseServer>map(url -> ExternalDatabaseServer.connect(url, settings.postgresUser(),
                        settings.postgresPassword()))
                .orElseGet(() -> EmbeddedDatabaseServer.start(Optional.of(settings.dataDir().resolve("postgres")),
                        settings.postgresPort()));
        log.info("Starting order-service, inventory-service, payment-service and saga-orchestrator{} (logs in {})",
                settings.console() ? ", and the saga console" : "", settings.dataDir().resolve("logs"));
        var serviceSettings = new OrderSagaServices.Settings(settings.projectRoot(), kafkaBootstrapServers(),
                database, settings.ports(), settings.seedProducts(), settings.seedStock(), settings.dataDir(),
                settings.extraServiceArguments(), Map.of());
        services = OrderSagaServices.start(settings.console() ? serviceSettings.withConsole() : serviceSettings,
                Duration.ofMinutes(3));
    }

    /** The running services and their URLs; only after {@link #start()}. */
    public OrderSagaServices services() {
        return services;
    }

    public String kafkaBootstrapServers() {
        return kafkaJvm != null ? kafkaJvm.bootstrapServers() : kafka.bootstrapServers();
    }

    /** The broker's process when it runs in a JVM of its own; empty when it runs in this one. */
    public Optional<ProcessHandle> kafkaProcess() {
        return Optional.ofNullable(kafkaJvm).map(KafkaBrokerJvm::handle);
    }

    public DatabaseServer database() {
        return database;
    }

    String summary(Duration startup) {
        var ports = settings.ports();
        return """

                order-saga is ready (%d s)
                  Kafka (KRaft)      %s
                  PostgreSQL         %s
                  order-service      http://localhost:%d/orders       (POST an order, GET /orders/{id}, pay, cancel)
                  inventory-service  http://localhost:%d/inventory    (%d demo products p-1..p-%d)
                  payment-service    http://localhost:%d/actuator/health (simulated provider; card ...0002 declines)
                  saga-orchestrator  http://localhost:%d/actuator/health%s
                  logs               %s
                Place an order:
                  curl -si -X POST localhost:%d/orders -H 'Content-Type: application/json' \\
                    -d '{"customerId":"c-1","lines":[{"productId":"p-1","quantity":2}]}'
                Then pay for it (or cancel it: POST /orders/{id}/cancel):
                  curl -si -X POST localhost:%d/orders/{id}/payment -H 'Content-Type: application/json' \\
                    -d '{"method":"card","cardNumber":"4242424242424242"}'
                Press Ctrl-C to stop everything.
                """.formatted(startup.toSeconds(), kafkaBootstrapServers(), database.describe(),
                ports.orderService(), ports.inventoryService(), settings.seedProducts(), settings.seedProducts(),
                ports.paymentService(), ports.sagaOrchestrator(), consoleLine(), settings.dataDir().resolve("logs"),
                ports.orderService(), ports.orderService());
    }

    private String consoleLine() {
        return settings.console()
                ? "\n  saga-console       " + services.sagaConsoleUrl() + "             (live view in the browser)"
                : "";
    }

    /** Blocks until a service dies on its own (and says why) or the stack is being closed (empty). */
    Optional<String> awaitUnexpectedExit() throws InterruptedException {
        while (!closing) {
            for (ServiceProcess process : services.processes()) {
                if (!process.isAlive() && !closing) {
                    return Optional.of(process.name() + " stopped unexpectedly. Last lines of " + process.logFile()
                            + ":\n" + process.tail(30));
                }
            }
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly("services", services);
        closeQuietly("PostgreSQL", database);
        closeQuietly("Kafka", kafka);
        closeQuietly("Kafka", kafkaJvm);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("{} did not stop cleanly: {}", what, e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + dir, e);
        }
    }
}
