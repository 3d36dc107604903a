package dev.ordersaga.fault.cluster;

import dev.ordersaga.infra.FreePorts;
import dev.ordersaga.localstack.OrderSagaServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The stack as separate processes, each of which can be killed and started again: the broker in a JVM of its
 * own, PostgreSQL's server processes, and two instances of each of the four services.
 */
public final class Cluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Ten JVMs share the machine with the workload: the quick compiler alone and one GC thread start a service in a
     * fraction of the CPU time, which is what a restart under load needs; nothing here measures speed.
     */
    static final Map<String, String> LEAN_JVMS = Map.of("JAVA_TOOL_OPTIONS", OrderSagaServices.LEAN_JVM_OPTIONS);

    private final BrokerProcess broker;
    private final PostgresProcesses postgres;
    private final OrderSagaServices services;

    private Cluster(BrokerProcess broker, PostgresProcesses postgres, OrderSagaServices services) {
        this.broker = broker;
        this.postgres = postgres;
        this.services = services;
    }

    /**
     * @param serviceArguments more {@code --key=value} arguments for every service, e.g. short saga timings
     */
    public static Cluster start(Path projectRoot, Path workDir, List<String> serviceArguments) {
        BrokerProcess broker = null;
        PostgresProcesses postgres = null;
        try {
            broker = BrokerProcess.start(workDir.resolve("kafka"), workDir.resolve("logs"), FreePorts.pick(),
                    START_TIMEOUT);
            postgres = PostgresProcesses.start(workDir.resolve("postgres"), FreePorts.pick());
            OrderSagaServices services = OrderSagaServices.start(new OrderSagaServices.Settings(projectRoot,
                    broker.bootstrapServers(), postgres, OrderSagaServices.Ports.free(), 0, 0, workDir,
                    serviceArguments, LEAN_JVMS, List.of(OrderSagaServices.Ports.free())), START_TIMEOUT);
            return new Cluster(broker, postgres, services);
        } catch (RuntimeException e) {
            closeAll(postgres, broker);
            throw e;
        }
    }

    public Endpoints endpoints() {
        return new Endpoints(services.instancesOf("order-service").stream().map(services::url).toList(),
                services.inventoryServiceUrl(), broker.bootstrapServers());
    }

    /** SIGKILLs one service instance, e.g. {@code inventory-service} or {@code order-service-2}. */
    public void kill(String instance) {
        services.process(instance).kill();
    }

    public void restart(String instance) {
        services.restart(instance, START_TIMEOUT);
    }

    public void killBroker() {
        broker.kill();
    }

    public void restartBroker() {
        broker.restart(START_TIMEOUT);
    }

    public void killPostgres() {
        postgres.kill();
    }

    public void restartPostgres() {
        postgres.restart();
    }

    @Override
    public void close() {
        closeAll(services, postgres, broker);
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + part + ": " + e.getMessage());
                }
            }
        }
    }
}
