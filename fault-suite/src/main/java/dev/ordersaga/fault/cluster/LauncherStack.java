package dev.ordersaga.fault.cluster;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import dev.ordersaga.infra.FreePorts;
import dev.ordersaga.localstack.OrderSagaServices;
import dev.ordersaga.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run-local.sh} as its users run it: the launcher's executable jar, which runs the broker in its own
 * process and starts PostgreSQL, the four services and the saga console. Here on free ports and a data directory
 * of its own, so that it can be killed outright, with everything it started, and started again on the same data.
 */
public final class LauncherStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /** What the launcher prints once every service is ready. */
    private static final String READY = "order-saga is ready";

    private final Path projectRoot;
    private final Path dataDir;
    private final Map<String, String> environment;
    private final OrderSagaServices.Ports ports;
    private final int kafkaPort;
    private int starts;
    private ServiceProcess launcher;

    private LauncherStack(Path projectRoot, Path dataDir, Map<String, String> sagaEnvironment) {
        this.projectRoot = projectRoot;
        this.dataDir = dataDir;
        this.ports = OrderSagaServices.Ports.free();
        this.kafkaPort = FreePorts.pick();
        this.environment = new HashMap<>(sagaEnvironment);
        environment.putAll(Cluster.LEAN_JVMS);
        environment.put("ORDERSAGA_PROJECT_ROOT", projectRoot.toString());
        environment.put("ORDERSAGA_DATA_DIR", dataDir.toString());
        environment.put("ORDERSAGA_KAFKA_PORT", String.valueOf(kafkaPort));
        environment.put("ORDERSAGA_POSTGRES_PORT", String.valueOf(FreePorts.pick()));
        environment.put("ORDERSAGA_SEED_PRODUCTS", "0");
        environment.put("ORDERSAGA_ORDER_SERVICE_PORT", String.valueOf(ports.orderService()));
        environment.put("ORDERSAGA_INVENTORY_SERVICE_PORT", String.valueOf(ports.inventoryService()));
        environment.put("ORDERSAGA_SAGA_ORCHESTRATOR_PORT", String.valueOf(ports.sagaOrchestrator()));
        environment.put("ORDERSAGA_PAYMENT_SERVICE_PORT", String.valueOf(ports.paymentService()));
        environment.put("ORDERSAGA_SAGA_CONSOLE_PORT", String.valueOf(ports.sagaConsole()));
    }

    /**
     * @param sagaEnvironment settings passed through to the services as environment variables, e.g.
     *     {@code SAGA_PAYMENT_TIMEOUT=15s}
     */
    public static LauncherStack start(Path projectRoot, Path dataDir, Map<String, String> sagaEnvironment) {
        LauncherStack stack = new LauncherStack(projectRoot, dataDir, sagaEnvironment);
        stack.restart();
        return stack;
    }

    public Endpoints endpoints() {
        return new Endpoints(List.of("http://localhost:" + ports.orderService()),
                "http://localhost:" + ports.inventoryService(), "localhost:" + kafkaPort);
    }

    /** Starts the launcher (again) on the same data and ports; a new log file each time. */
    public void restart() {
        starts++;
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-launcher-" + starts + ".log");
        launcher = ServiceProcess.startJava("local-stack",
                List.of("-jar", OrderSagaServices.executableJar(projectRoot, "local-stack").toString()),
                environment, log, false, new ServiceProcess.Readiness(log.toString(),
                        () -> BrokerProcess.logContains(log, READY)));
        launcher.awaitReady(START_TIMEOUT);
    }

    /**
     * SIGKILLs the launcher, every process it started and its PostgreSQL server (which runs in a session of its
     * own, so it is found through its data directory), all at once: a power cut, as far as the stack can tell.
     */
    public void killEverything() {
        List<ProcessHandle> processes = new ArrayList<>(Kill.withDescendants(launcher.handle()));
        EmbeddedPostgresServer.serverProcessOf(dataDir.resolve("postgres"))
                .ifPresent(postmaster -> processes.addAll(Kill.withDescendants(postmaster)));
        Kill.all(processes.stream().distinct().toList(), Duration.ofSeconds(30));
    }

    /**
     * Stops the launcher the way Ctrl-C does: it stops the services, PostgreSQL and the broker. A PostgreSQL
     * server left behind (the launcher was killed for taking too long) is killed.
     */
    @Override
    public void close() {
        if (launcher != null) {
            launcher.close();
        }
        EmbeddedPostgresServer.serverProcessOf(dataDir.resolve("postgres"))
                .ifPresent(postmaster -> Kill.all(Kill.withDescendants(postmaster), Duration.ofSeconds(30)));
    }
}
