package dev.ordersaga.testing;

import dev.ordersaga.infra.InProcessKafkaBroker;
import dev.ordersaga.infra.EmbeddedPostgresServer;
import dev.ordersaga.messaging.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real Kafka broker (KRaft) and one real PostgreSQL server for every test in this JVM, started on first use
 * and stopped when the JVM exits. Testcontainers runs them where a Docker engine answers; elsewhere they run in
 * process. {@code -Dordersaga.test.infrastructure=embedded|containers} forces one or the other.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String postgresBaseUrl;
    private final String postgresUser;
    private final String postgresPassword;

    private TestInfrastructure(String kafkaBootstrapServers, String postgresBaseUrl, String user, String password) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.postgresBaseUrl = postgresBaseUrl;
        this.postgresUser = user;
        this.postgresPassword = password;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = useContainers() ? startContainers() : startEmbedded();
                    InProcessKafkaBroker.createTopics(instance.kafkaBootstrapServers,
                            Topics.newTopics(Topics.PARTITIONS, (short) 1));
                }
            }
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The JDBC URL of {@code database}, created on first use. */
    public String jdbcUrl(String database) {
        EmbeddedPostgresServer.createDatabase(dataSource("postgres"), database);
        return postgresBaseUrl + database;
    }

    public String postgresUser() {
        return postgresUser;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    public DataSource dataSource(String database) {
        return EmbeddedPostgresServer.dataSource(postgresBaseUrl + database, postgresUser, postgresPassword);
    }

    /** Points a Spring Boot test at the shared broker and at {@code database} on the shared server. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        TestInfrastructure infra = get();
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("spring.datasource.url", () -> infra.jdbcUrl(database));
        registry.add("spring.datasource.username", infra::postgresUser);
        registry.add("spring.datasource.password", infra::postgresPassword);
    }

    private static boolean useContainers() {
        String forced = System.getProperty("ordersaga.test.infrastructure", "auto");
        if (!forced.equals("auto")) {
            return forced.equals("containers");
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper or the shutdown hook
    private static TestInfrastructure startContainers() {
        log.info("Docker engine found: starting Kafka and PostgreSQL with Testcontainers");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.0");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
        kafka.start();
        postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.stop();
            kafka.stop();
        }));
        String base = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
        return new TestInfrastructure(kafka.getBootstrapServers(), base, postgres.getUsername(),
                postgres.getPassword());
    }

    private static TestInfrastructure startEmbedded() {
        log.info("No Docker engine: starting an in-process KRaft broker and an embedded PostgreSQL");
        Path kafkaDir = temporaryDirectory("ordersaga-test-kafka");
        InProcessKafkaBroker kafka = InProcessKafkaBroker.start(kafkaDir, 0);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.empty(), 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            postgres.close();
            kafka.close();
        }));
        String base = "jdbc:postgresql://localhost:" + postgres.port() + "/";
        return new TestInfrastructure(kafka.bootstrapServers(), base, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
