package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The four services as child processes, wired to one broker and one PostgreSQL server. Used by
 * {@code ./run-local.sh} and by the end-to-end tests, so the tests run the pipeline the way users do.
 */
public final class OrderSagaServices implements AutoCloseable {

    private final List<ServiceProcess> processes;
    private final Settings settings;

    private OrderSagaServices(List<ServiceProcess> processes, Settings settings) {
        this.processes = new CopyOnWriteArrayList<>(processes);
        this.settings = settings;
    }

    /**
     * @param projectRoot the repository root; the jars are {@code <module>/target/<module>-*-exec.jar}
     * @param kafkaBootstrapServers the broker
     * @param database where the services' databases live
     * @param ports HTTP ports of the services
     * @param seedProducts demo products inventory-service creates at start-up (0 for none)
     * @param seedStock their stock
     * @param workDir where logs and the orchestrator's state go
     * @param extraArguments more {@code --key=value} arguments for every service (e.g. tuning in tests)
     * @param environment variables added to the inherited environment of every service
     */
    public record Settings(Path projectRoot, String kafkaBootstrapServers, DatabaseServer database, Ports ports,
                           int seedProducts, int seedStock, Path workDir, List<String> extraArguments,
                           Map<String, String> environment) {
    }

    public record Ports(int orderService, int inventoryService, int sagaOrchestrator, int paymentService) {

        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083);
        }
    }

    /** Starts the four services in parallel and waits until each is ready. */
    public static OrderSagaServices start(Settings settings, Duration timeout) {
        List<ServiceProcess> processes = new ArrayList<>();
        try {
            for (String module : MODULES) {
                processes.add(launch(settings, module, false));
            }
            CompletableFuture.allOf(processes.stream()
                    .map(p -> CompletableFuture.runAsync(() -> p.awaitReady(timeout)))
                    .toArray(CompletableFuture[]::new)).join();
            return new OrderSagaServices(List.copyOf(processes), settings);
        } catch (RuntimeException e) {
            processes.forEach(ServiceProcess::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts a service again, as a supervisor would after a crash, with the same arguments and log file, and
     * waits until it is ready. The old process must be gone ({@link ServiceProcess#kill()} or close).
     */
    public ServiceProcess restart(String module, Duration timeout) {
        ServiceProcess old = process(module);
        if (old.isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        ServiceProcess restarted = launch(settings, module, true);
        processes.set(processes.indexOf(old), restarted);
        restarted.awaitReady(timeout);
        return restarted;
    }

    public List<ServiceProcess> processes() {
        return processes;
    }

    public ServiceProcess process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    public String orderServiceUrl() {
        return "http://localhost:" + settings.ports().orderService();
    }

    public String inventoryServiceUrl() {
        return "http://localhost:" + settings.ports().inventoryService();
    }

    public String paymentServiceUrl() {
        return "http://localhost:" + settings.ports().paymentService();
    }

    public String sagaOrchestratorUrl() {
        return "http://localhost:" + settings.ports().sagaOrchestrator();
    }

    /** Stops the services side by side; each gets a graceful shutdown first. */
    @Override
    public void close() {
        CompletableFuture.allOf(processes.stream()
                .map(p -> CompletableFuture.runAsync(p::close))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static final List<String> MODULES =
            List.of("inventory-service", "payment-service", "saga-orchestrator", "order-service");

    private static ServiceProcess launch(Settings settings, String module, boolean appendToLog) {
        int port = switch (module) {
            case "order-service" -> settings.ports().orderService();
            case "inventory-service" -> settings.ports().inventoryService();
            case "payment-service" -> settings.ports().paymentService();
            case "saga-orchestrator" -> settings.ports().sagaOrchestrator();
            default -> throw new IllegalArgumentException("No service " + module);
        };
        List<String> own = switch (module) {
            case "order-service" -> List.of("--spring.datasource.url=" + settings.database().database("orders"));
            case "inventory-service" -> List.of(
                    "--spring.datasource.url=" + settings.database().database("inventory"),
                    "--inventory.seed.products=" + settings.seedProducts(),
                    "--inventory.seed.stock=" + settings.seedStock());
            case "saga-orchestrator" -> List.of(
                    "--spring.kafka.streams.state-dir=" + settings.workDir().resolve("streams-state"));
            default -> List.of();
        };
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers()));
        if (module.equals("order-service") || module.equals("inventory-service")) {
            arguments.add("--spring.datasource.username=" + settings.database().user());
            arguments.add("--spring.datasource.password=" + settings.database().password());
        }
        arguments.addAll(own);
        arguments.addAll(settings.extraArguments());
        return ServiceProcess.start(module, executableJar(settings.projectRoot(), module), jvmOptions(),
                arguments, settings.environment(), settings.workDir().resolve("logs").resolve(module + ".log"),
                appendToLog, readiness(module, port));
    }

    /**
     * Healthy is enough for the two Spring services: their listeners join their groups within a second. The
     * orchestrator is ready only once Kafka Streams has its partitions (RUNNING), which can take longer.
     */
    private static ServiceProcess.Readiness readiness(String module, int port) {
        String actuator = "http://localhost:" + port + "/actuator/health";
        return module.equals("saga-orchestrator")
                ? new ServiceProcess.Readiness(URI.create(actuator + "/kafkaStreams"), "\"RUNNING\"")
                : new ServiceProcess.Readiness(URI.create(actuator), "\"UP\"");
    }

    private static List<String> jvmOptions() {
        String options = System.getenv().getOrDefault("ORDERSAGA_SERVICE_JAVA_OPTS", "-Xms256m -Xmx1g");
        return Stream.of(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    static Path executableJar(Path projectRoot, String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new LocalStackException("No executable jar of " + module + " in " + target
                            + ". Build it first: ./mvnw -B -DskipTests package (./run-local.sh does this)."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
