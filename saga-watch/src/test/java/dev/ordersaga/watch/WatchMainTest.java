package dev.ordersaga.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintAnOrdersConversationAsJsonLinesInTheOrderItHappened() throws Exception {
        String orderId = "cli-" + UUID.randomUUID();
        try (KafkaTestClient kafka = KafkaTestClient.forSharedBroker()) {
            kafka.send(Topics.ORDERS, orderId, SampleMessages.orderPlaced(orderId));
            kafka.send(Topics.INVENTORY_EVENTS, orderId, SampleMessages.inventoryReserved(orderId));
        }

        int status = run("--bootstrap-servers", TestInfrastructure.get().kafkaBootstrapServers(), "--order", orderId);

        assertThat(status).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(line -> line.get("topic").asText() + " " + line.get("value").get("@type")
                .asText()).containsExactly("orders OrderPlaced", "inventory-events InventoryReserved");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("key").asText()).isEqualTo(orderId));
    }

    @Test
    void shouldSayWhenThereIsNoSuchOrder() {
        int status = run("--bootstrap-servers", TestInfrastructure.get().kafkaBootstrapServers(), "--order",
                "nobody");

        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no record of order nobody");
    }

    @Test
    void shouldSayWhenTheBrokerCannotBeReached() {
        int status = run("--bootstrap-servers", "localhost:1", "--order", "o-1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Kafka at localhost:1 did not answer within 10 s")
                .contains("./run-local.sh");
    }

    @Test
    void shouldRefuseACommandLineItCannotRunWithAPointerToTheHelp() {
        assertThat(run("--order")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("watch: --order needs a value. See ./watch.sh"
                + " --help" + System.lineSeparator());
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./watch.sh");
    }

    private int run(String... args) {
        return WatchMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
