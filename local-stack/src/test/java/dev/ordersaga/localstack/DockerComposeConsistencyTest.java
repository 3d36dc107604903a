package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run where there is no Docker engine, so this keeps it honest: it must describe the
 * same system as the services' own configuration.
 */
class DockerComposeConsistencyTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void shouldRunKafkaInKraftModeFromTheOfficialImage() {
        Map<String, Object> kafka = services.get("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(env("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(ports("kafka")).contains("9092:9092");
    }

    @Test
    void shouldPointKafkaUiAtTheBrokersInternalListener() {
        assertThat((String) services.get("kafka-ui").get("image")).contains("kafbat/kafka-ui");
        assertThat(env("kafka-ui").get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS")).isEqualTo(internalBootstrap());
    }

    @ParameterizedTest
    @CsvSource({"order-service", "inventory-service", "payment-service", "saga-orchestrator"})
    void shouldConnectEveryServiceToTheBrokerAndPublishItsConfiguredPort(String service) throws IOException {
        assertThat(env(service).get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(internalBootstrap());
        String port = String.valueOf(applicationYaml(service).get("server.port"));
        assertThat(ports(service)).contains(port + ":" + port);
    }

    @ParameterizedTest
    @CsvSource({"order-service", "inventory-service"})
    void shouldGiveEachDatabaseServiceTheDatabaseItsConfigurationNames(String service) throws IOException {
        String configured = (String) applicationYaml(service).get("spring.datasource.url");
        String database = configured.substring(configured.lastIndexOf('/') + 1);

        assertThat(env(service).get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql"))).contains("CREATE DATABASE " + database);
    }

    @ParameterizedTest
    @CsvSource({"order-service", "inventory-service"})
    void shouldGiveEachDatabaseServiceThePasswordPostgresStartsWithTakenFromTheEnvironment(String service) {
        String password = (String) env("postgres").get("POSTGRES_PASSWORD");

        assertThat(password).startsWith("${POSTGRES_PASSWORD");
        assertThat(env(service).get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(password);
    }

    @Test
    void shouldBuildEveryServiceFromThisRepository() {
        for (String service : List.of("order-service", "inventory-service", "payment-service",
                "saga-orchestrator")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
            assertThat(build).as(service).containsEntry("context", ".");
            assertThat(build.get("args")).as(service).isEqualTo(Map.of("MODULE", service));
            assertThat(ROOT.resolve(service).resolve("pom.xml")).exists();
        }
    }

    private static String internalBootstrap() {
        String advertised = (String) env("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        String internal = List.of(advertised.split(",")).stream().filter(l -> l.startsWith("INTERNAL://"))
                .findFirst().orElseThrow();
        return internal.substring("INTERNAL://".length());
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String service) {
        return (List<String>) services.get(service).get("ports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    /** The service's application.yml flattened to dotted keys. */
    private static Map<String, Object> applicationYaml(String service) throws IOException {
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service).resolve("src/main/resources/application.yml"))) {
            Map<String, Object> flat = new java.util.HashMap<>();
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, flat);
                }
            }
            return flat;
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, into);
            } else {
                into.put(name, value);
            }
        });
    }
}
