package dev.ordersaga.localstack;

import dev.ordersaga.infra.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./run-local.sh} can be told, from environment variables (documented in README.md) and flags.
 *
 * @param dataDir where Kafka, PostgreSQL, the orchestrator's state and the logs live ({@code ORDERSAGA_DATA_DIR})
 * @param clean wipe {@code dataDir} first ({@code --clean})
 * @param kafkaPort the broker's client port ({@code ORDERSAGA_KAFKA_PORT}, 9092)
 * @param postgresPort the embedded PostgreSQL's port ({@code ORDERSAGA_POSTGRES_PORT}, 5433)
 * @param postgresUrl an existing server to use instead of the embedded one ({@code ORDERSAGA_POSTGRES_URL})
 * @param seedProducts demo products p-1..p-N ({@code ORDERSAGA_SEED_PRODUCTS}, 20)
 * @param seedStock units of each ({@code ORDERSAGA_SEED_STOCK}, 1000)
 * @param ports the HTTP ports of the services ({@code ORDERSAGA_ORDER_SERVICE_PORT} 8080,
 *     {@code ORDERSAGA_INVENTORY_SERVICE_PORT} 8081, {@code ORDERSAGA_SAGA_ORCHESTRATOR_PORT} 8082,
 *     {@code ORDERSAGA_PAYMENT_SERVICE_PORT} 8083) and of the saga console ({@code ORDERSAGA_SAGA_CONSOLE_PORT} 8084)
 * @param extraServiceArguments more {@code --key=value} arguments for every service (none for
 *     {@code ./run-local.sh}, which passes settings through the environment)
 * @param brokerInOwnJvm run the broker in a child JVM instead of the launcher's, so that its CPU can be measured
 *     apart from the launcher's (the load test does); {@code ./run-local.sh} keeps it in the launcher's
 * @param console start the saga console beside the services ({@code ./run-local.sh} does; the load test, which
 *     measures the services' CPU, does not)
 */
public record LocalStackSettings(Path projectRoot, Path dataDir, boolean clean, int kafkaPort, int postgresPort,
                                 Optional<String> postgresUrl, String postgresUser, String postgresPassword,
                                 int seedProducts, int seedStock, OrderSagaServices.Ports ports,
                                 List<String> extraServiceArguments, boolean brokerInOwnJvm, boolean console) {

    public LocalStackSettings {
        extraServiceArguments = List.copyOf(extraServiceArguments);
    }

    /**
     * A stack of its own beside anything else running on this machine: every port free at start, the embedded
     * PostgreSQL, the broker in a JVM of its own, no demo products, no console, {@code dataDir} wiped first. The
     * load test starts its stacks this way.
     */
    public static LocalStackSettings isolated(Path projectRoot, Path dataDir, List<String> extraServiceArguments) {
        var ports = OrderSagaServices.Ports.free();
        return new LocalStackSettings(projectRoot.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(),
                true, 0, 0, Optional.empty(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, 0, 0,
                ports, extraServiceArguments, true, false);
    }

    static LocalStackSettings from(Map<String, String> env, List<String> args) {
        for (String arg : args) {
            if (!arg.equals("--clean")) {
                throw new LocalStackException("Unknown option " + arg + ". Usage: ./run-local.sh [--clean]");
            }
        }
        Path root = Path.of(env.getOrDefault("ORDERSAGA_PROJECT_ROOT", ".")).toAbsolutePath().normalize();
        return new LocalStackSettings(
                root,
                root.resolve(env.getOrDefault("ORDERSAGA_DATA_DIR", ".local-stack")).normalize(),
                args.contains("--clean"),
                intValue(env, "ORDERSAGA_KAFKA_PORT", 9092),
                intValue(env, "ORDERSAGA_POSTGRES_PORT", 5433),
                Optional.ofNullable(env.get("ORDERSAGA_POSTGRES_URL")).filter(s -> !s.isBlank()),
                env.getOrDefault("ORDERSAGA_POSTGRES_USER", "postgres"),
                env.getOrDefault("ORDERSAGA_POSTGRES_PASSWORD", "postgres"),
                intValue(env, "ORDERSAGA_SEED_PRODUCTS", 20),
                intValue(env, "ORDERSAGA_SEED_STOCK", 1000),
                new OrderSagaServices.Ports(
                        intValue(env, "ORDERSAGA_ORDER_SERVICE_PORT", 8080),
                        intValue(env, "ORDERSAGA_INVENTORY_SERVICE_PORT", 8081),
                        intValue(env, "ORDERSAGA_SAGA_ORCHESTRATOR_PORT", 8082),
                        intValue(env, "ORDERSAGA_PAYMENT_SERVICE_PORT", 8083),
                        intValue(env, "ORDERSAGA_SAGA_CONSOLE_PORT", 8084)),
                List.of(), false, true);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LocalStackException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
