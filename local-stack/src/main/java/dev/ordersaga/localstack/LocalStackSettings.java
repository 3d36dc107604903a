package dev.ordersaga.localstack;

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
 */
record LocalStackSettings(Path projectRoot, Path dataDir, boolean clean, int kafkaPort, int postgresPort,
                          Optional<String> postgresUrl, String postgresUser, String postgresPassword,
                          int seedProducts, int seedStock) {

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
                intValue(env, "ORDERSAGA_SEED_STOCK", 1000));
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
