package dev.ordersaga.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldRunABrokerThatKeepsItsTopicsAndRecordsAcrossARestart() throws Exception {
        Path kafkaDir = dataDir.resolve("kafka");
        try (InProcessKafkaBroker broker = InProcessKafkaBroker.start(kafkaDir, 0)) {
            broker.createTopics(List.of(new NewTopic("greetings", 2, (short) 1)));
            try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "greeter"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("greetings", "hello".getBytes(StandardCharsets.UTF_8)));
                producer.commitTransaction();
            }
        }
        try (InProcessKafkaBroker broker = InProcessKafkaBroker.start(kafkaDir, 0);
             var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "reader",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("greetings"));
            ConsumerRecords<byte[], byte[]> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records.count()).isEqualTo(1);
            assertThat(new String(records.iterator().next().value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void shouldRunPostgresThatKeepsItsDataAcrossARestart() throws Exception {
        Path pgDir = dataDir.resolve("postgres");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(pgDir), 0)) {
            postgres.createDatabase("shop");
            try (Connection c = dataSource(postgres, "shop").getConnection()) {
                c.createStatement().execute("CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
            }
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Optional.of(pgDir), 0)) {
            postgres.createDatabase("shop");
            try (Connection c = dataSource(postgres, "shop").getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void shouldSayWhichPortIsTakenWhenAFixedPortIsInUse() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> FreePorts.requireFree(socket.getLocalPort(), "Kafka"))
                    .hasMessageContaining("Kafka needs port " + socket.getLocalPort());
        }
    }

    private static javax.sql.DataSource dataSource(EmbeddedPostgresServer postgres, String db) {
        return EmbeddedPostgresServer.dataSource(postgres.jdbcUrl(db), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }
}
