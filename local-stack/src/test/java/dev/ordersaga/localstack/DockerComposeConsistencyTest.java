package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.kafkaui.OrderSagaSerde;
import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
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
    void shouldRunTheBrokerOfTheKafkaVersionTheProjectBuildsWith() throws IOException {
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));

        assertThat(version.find()).as("<kafka.version> in the root pom").isTrue();
        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    void shouldPointKafkaUiAtTheBrokersInternalListener() {
        assertThat((String) services.get("kafka-ui").get("image")).contains("kafbat/kafka-ui");
        assertThat(env("kafka-ui").get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS")).isEqualTo(internalBootstrap());
    }

    @Test
    void shouldRunAReleasedKafkaUi() {
        assertThat((String) services.get("kafka-ui").get("image"))
                .matches("ghcr\\.io/kafbat/kafka-ui:v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void shouldGiveKafkaUiTheSerdeJarThatKafkaUiSerdeBuilds() throws IOException {
        Path filePath = Path.of((String) env("kafka-ui").get("KAFKA_CLUSTERS_0_SERDE_0_FILEPATH"));
        String jar = KafkaUiSerdeJar.JAR.getFileName().toString();

        assertThat(env("kafka-ui").get("KAFKA_CLUSTERS_0_SERDE_0_CLASSNAME")).isEqualTo(OrderSagaSerde.class.getName())
                .isEqualTo(KafkaUiSerdeJar.CLASS_NAME);
        assertThat(filePath.getFileName()).hasToString(jar);
        assertThat(Files.readString(ROOT.resolve("kafka-ui-serde/pom.xml"))).contains("/" + jar + "</outputFile>");
        // The one-off kafka-ui-serde service builds the jar and copies it into a volume Kafka UI reads.
        String volume = volumes("kafka-ui").stream().map(mount -> mount.split(":"))
                .filter(mount -> mount.length == 3 && filePath.getParent().equals(Path.of(mount[1])))
                .peek(mount -> assertThat(mount[2]).as("mode of " + mount[1]).isEqualTo("ro"))
                .map(mount -> mount[0]).findFirst().orElseThrow(() -> new AssertionError(
                        "No read-only volume of kafka-ui holds " + filePath));
        assertThat(volumes("kafka-ui-serde")).contains(volume + ":" + filePath.getParent());
        assertThat(services.get("kafka-ui").get("depends_on")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("kafka-ui-serde", Map.of("condition", "service_completed_successfully"));
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) services.get("kafka-ui-serde").get("build");
        assertThat(build).containsEntry("context", ".");
        assertThat(Files.readString(ROOT.resolve((String) build.get("dockerfile"))))
                .contains("-pl kafka-ui-serde ").contains("kafka-ui-serde/target/" + jar)
                .contains("\"" + filePath.getParent() + "/\"");
    }

    @Test
    void shouldMakeTheSerdeKafkaUisChoiceForKeysAndValuesOfEveryTopicOfTheCatalogueAndNoOther() {
        Pattern keys = Pattern.compile((String) env("kafka-ui").get("KAFKA_CLUSTERS_0_SERDE_0_TOPICKEYSPATTERN"));
        Pattern values = Pattern.compile((String) env("kafka-ui").get("KAFKA_CLUSTERS_0_SERDE_0_TOPICVALUESPATTERN"));
        List<String> catalogue = Stream.concat(TopicCatalogue.ALL.stream().map(TopicContract::topic),
                Stream.of("inventory-commands-retry-0", "inventory-commands-retry-12",
                        TopicCatalogue.SAGA_STATE_CHANGELOG, "saga-orchestrator-e2e-order-sagas-changelog")).toList();
        List<String> others = List.of("__consumer_offsets", "__transaction_state", "_schemas", "orders-archive",
                "inventory-commands-retry", "payment-events-dlt", "saga-orchestrator-order-sagas-repartition");

        for (String topic : catalogue) {
            assertThat(TopicCatalogue.contractOf(topic)).as(topic).isPresent();
            assertThat(keys.matcher(topic).matches()).as("keys of " + topic).isTrue();
            assertThat(values.matcher(topic).matches()).as("values of " + topic).isTrue();
        }
        for (String topic : others) {
            assertThat(TopicCatalogue.contractOf(topic)).as(topic).isEmpty();
            assertThat(keys.matcher(topic).matches()).as("keys of " + topic).isFalse();
            assertThat(values.matcher(topic).matches()).as("values of " + topic).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({"order-service", "inventory-service", "payment-service", "saga-orchestrator", "saga-console"})
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

    @ParameterizedTest
    @CsvSource({"CONSOLE_ORDER_SERVICE_URL, order-service", "CONSOLE_INVENTORY_SERVICE_URL, inventory-service"})
    void shouldPointTheSagaConsoleAtTheServicesItCalls(String variable, String service) throws IOException {
        String port = String.valueOf(applicationYaml(service).get("server.port"));

        assertThat(env("saga-console").get(variable)).isEqualTo("http://" + service + ":" + port);
        assertThat(applicationYaml("saga-console")).containsKey(
                "console." + variable.substring("CONSOLE_".length()).toLowerCase().replace('_', '-'));
    }

    @Test
    void shouldBuildEveryServiceFromThisRepository() {
        for (String service : List.of("order-service", "inventory-service", "payment-service",
                "saga-orchestrator", "saga-console")) {
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
    private static List<String> volumes(String service) {
        return (List<String>) services.get(service).get("volumes");
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
