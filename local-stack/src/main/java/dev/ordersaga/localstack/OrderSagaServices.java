package dev.ordersaga.localstack;

import dev.ordersaga.infra.FreePorts;
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
 * The four services as child processes, wired to one broker and one PostgreSQL server, and, when asked, the saga
 * console beside them. Used by {@code ./run-local.sh} and by the end-to-end tests, so the tests run the pipeline
 * the way users do. Each service runs once, or several times side by side (the fault suite runs two of each):
 * instance 1 is named after its module ({@code order-service}), instance 2 {@code order-service-2}, and so on, each
 * with its own port, log and, for the orchestrator, its own state directory. The console runs once: it watches
 * the whole stack.
 */
public final class OrderSagaServices implements AutoCloseable {

    /**
     * The JIT and collector of every JVM of a stack that shares a small machine: C1 alone and the serial collector.
     * Chosen by measurement on a 2-core machine that runs the whole stack (docs/benchmarks.md): five JVMs share the
     * cores, and C2's compilations cost more CPU over the first several thousand orders than its faster code saves,
     * so the services run on C1 alone and settle more orders per second, and sooner, with less CPU per order. The
     * serial collector costs the least CPU for heaps of this size. run-local.sh gives the launcher the same.
     */
    public static final String LEAN_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final String DEFAULT_SERVICE_JAVA_OPTS = "-Xms256m -Xmx1g " + LEAN_JVM_OPTIONS;

    private final List<ServiceProcess> processes;
    private final List<Instance> instances;
    private final Settings settings;

    private OrderSagaServices(List<ServiceProcess> processes, List<Instance> instances, Settings settings) {
        this.processes = new CopyOnWriteArrayList<>(processes);
        this.instances = List.copyOf(instances);
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
     * @param extraArguments more {@code --key=value} arguments for every service (e.g. tuning in tests); not for the
     *     console
     * @param environment variables added to the inherited environment of every service
     * @param moreInstances the ports of instances 2, 3, ... of every service; empty to run each service once
     * @param console whether to start the saga console too, on {@code ports.sagaConsole()}: {@code ./run-local.sh}
     *     and the end-to-end tests do; the load test and the fault suite measure and break the services alone
     */
    public record Settings(Path projectRoot, String kafkaBootstrapServers, DatabaseServer database, Ports ports,
                           int seedProducts, int seedStock, Path workDir, List<String> extraArguments,
                           Map<String, String> environment, List<Ports> moreInstances, boolean console) {

        public Settings {
            moreInstances = List.copyOf(moreInstances);
        }

        /** Every service as many times as asked, without the console. */
        public Settings(Path projectRoot, String kafkaBootstrapServers, DatabaseServer database, Ports ports,
                        int seedProducts, int seedStock, Path workDir, List<String> extraArguments,
                        Map<String, String> environment, List<Ports> moreInstances) {
            this(projectRoot, kafkaBootstrapServers, database, ports, seedProducts, seedStock, workDir,
                    extraArguments, environment, moreInstances, false);
        }

        /** Every service once, without the console. */
        public Settings(Path projectRoot, String kafkaBootstrapServers, DatabaseServer database, Ports ports,
                        int seedProducts, int seedStock, Path workDir, List<String> extraArguments,
                        Map<String, String> environment) {
            this(projectRoot, kafkaBootstrapServers, database, ports, seedProducts, seedStock, workDir,
                    extraArguments, environment, List.of());
        }

        /** These settings with the saga console started beside the services. */
        public Settings withConsole() {
            return new Settings(projectRoot, kafkaBootstrapServers, database, ports, seedProducts, seedStock,
                    workDir, extraArguments, environment, moreInstances, true);
        }

        List<Instance> instances() {
            List<Ports> all = new ArrayList<>(List.of(ports));
            all.addAll(moreInstances);
            List<Instance> instances = new ArrayList<>();
            for (String module : MODULES) {
                for (int number = 1; number <= all.size(); number++) {
                    instances.add(new Instance(module, number, all.get(number - 1).of(module)));
                }
            }
            if (console) {
                instances.add(new Instance(CONSOLE, 1, ports.sagaConsole()));
            }
            return instances;
        }
    }

    /** One running copy of a service. */
    record Instance(String module, int number, int port) {

        String name() {
            return number == 1 ? module : module + "-" + number;
        }
    }

    /** HTTP ports of the services and of the saga console. */
    public record Ports(int orderService, int inventoryService, int sagaOrchestrator, int paymentService,
                        int sagaConsole) {

        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 8084);
        }

        /** Five ports free now. */
        public static Ports free() {
            return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                    FreePorts.pick());
        }

        int of(String module) {
            return switch (module) {
                case "order-service" -> orderService;
                case "inventory-service" -> inventoryService;
                case "payment-service" -> paymentService;
                case "saga-orchestrator" -> sagaOrchestrator;
                case CONSOLE -> sagaConsole;
                default -> throw new IllegalArgumentException("No service " + module);
            };
        }
    }

    /**
     * Starts the four services (each instance of them), and the console if asked, in parallel and waits until each
     * is ready.
     */
    public static OrderSagaServices start(Settings settings, Duration timeout) {
        List<ServiceProcess> processes = new ArrayList<>();
        List<Instance> instances = settings.instances();
        try {
            for (Instance instance : instances) {
                processes.add(launch(settings, instance, false));
            }
            CompletableFuture.allOf(processes.stream()
                    .map(p -> CompletableFuture.runAsync(() -> p.awaitReady(timeout)))
                    .toArray(CompletableFuture[]::new)).join();
            return new OrderSagaServices(List.copyOf(processes), instances, settings);
        } catch (RuntimeException e) {
            processes.forEach(ServiceProcess::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts a service again, as a supervisor would after a crash, with the same arguments and log file, and
     * waits until it is ready. The old process must be gone ({@link ServiceProcess#kill()} or close).
     */
    public ServiceProcess restart(String name, Duration timeout) {
        ServiceProcess old = process(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        ServiceProcess restarted = launch(settings, instance(name), true);
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

    /** The names of a module's instances: {@code order-service}, {@code order-service-2}, ... */
    public List<String> instancesOf(String module) {
        return instances.stream().filter(i -> i.module().equals(module)).map(Instance::name).toList();
    }

    /** The base URL of one instance, by its name. */
    public String url(String name) {
        return "http://localhost:" + instance(name).port();
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

    /** The saga console's page; only when the settings asked for the console. */
    public String sagaConsoleUrl() {
        return url(CONSOLE) + "/";
    }

    /** Stops the services side by side; each gets a graceful shutdown first. */
    @Override
    public void close() {
        CompletableFuture.allOf(processes.stream()
                .map(p -> CompletableFuture.runAsync(p::close))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** The services, in the order they are started. */
    public static final List<String> MODULES =
            List.of("inventory-service", "payment-service", "saga-orchestrator", "order-service");
    /** The saga console's module: not a service of the saga, but started beside them (see {@link Settings}). */
    public static final String CONSOLE = "saga-console";

    private Instance instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service instance " + name));
    }

    private static ServiceProcess launch(Settings settings, Instance instance, boolean appendToLog) {
        String module = instance.module();
        int port = instance.port();
        // Instances of the orchestrator share their application id but never a state directory.
        String stateDir = instance.number() == 1 ? "streams-state" : "streams-state-" + instance.number();
        List<String> own = switch (module) {
            case "order-service" -> List.of("--spring.datasource.url=" + settings.database().database("orders"));
            case "inventory-service" -> List.of(
                    "--spring.datasource.url=" + settings.database().database("inventory"),
                    "--inventory.seed.products=" + settings.seedProducts(),
                    "--inventory.seed.stock=" + settings.seedStock());
            case "saga-orchestrator" -> List.of(
                    "--spring.kafka.streams.state-dir=" + settings.workDir().resolve(stateDir));
            case CONSOLE -> List.of(
                    "--console.order-service-url=http://localhost:" + settings.ports().orderService(),
                    "--console.inventory-service-url=http://localhost:" + settings.ports().inventoryService());
            default -> List.of();
        };
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + settings.kafkaBootstrapServers(),
                // A service outliving a launcher killed outright would hold its port against the next start.
                "--ordersaga.launcher-pid=" + ProcessHandle.current().pid()));
        if (module.equals("order-service") || module.equals("inventory-service")) {
            arguments.add("--spring.datasource.username=" + settings.database().user());
            arguments.add("--spring.datasource.password=" + settings.database().password());
        }
        arguments.addAll(own);
        if (!module.equals(CONSOLE)) {
            arguments.addAll(settings.extraArguments());
        }
        return ServiceProcess.start(instance.name(), executableJar(settings.projectRoot(), module), jvmOptions(),
                arguments, settings.environment(),
                settings.workDir().resolve("logs").resolve(instance.name() + ".log"),
                appendToLog, readiness(module, port));
    }

    /**
     * Healthy is enough for the Spring services and the console: their listeners join their groups within a second
     * (the console's reads join none). The orchestrator is ready only once Kafka Streams has its partitions
     * (RUNNING), which can take longer.
     */
    private static ServiceProcess.Readiness readiness(String module, int port) {
        String actuator = "http://localhost:" + port + "/actuator/health";
        return module.equals("saga-orchestrator")
                ? ServiceProcess.Readiness.http(URI.create(actuator + "/kafkaStreams"), "\"RUNNING\"")
                : ServiceProcess.Readiness.http(URI.create(actuator), "\"UP\"");
    }

    private static List<String> jvmOptions() {
        return splitOptions(System.getenv().getOrDefault("ORDERSAGA_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTS));
    }

    /** JVM options written as on a command line, one element each. */
    static List<String> splitOptions(String options) {
        return Stream.of(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code <module>/target/<module>-*-exec.jar} under the project root. */
    public static Path executableJar(Path projectRoot, String module) {
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
