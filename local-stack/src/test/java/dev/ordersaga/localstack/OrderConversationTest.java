package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testing.TestInfrastructure;
import dev.ordersaga.watch.Conversations;
import dev.ordersaga.watch.WatchMain;
import dev.ordersaga.watch.WatchedRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An order's whole conversation read back from the topics, as {@code ./watch.sh --order} shows it. */
class OrderConversationTest extends PipelineEndToEndTest {

    /**
     * What a paid order's conversation says, each message first appearing in this order: each one causes the next
     * (the saga may send a command again while it waits, but never before its cause).
     */
    private static final List<String> PAID_ORDER = List.of("OrderPlaced", "ReserveInventory", "InventoryReserved",
            "OrderStatusChanged AWAITING_PAYMENT", "PaymentSubmitted", "AuthorizePayment", "PaymentAuthorized",
            "CommitInventory", "InventoryCommitted", "OrderStatusChanged PAID");

    private static String orderId;

    @BeforeAll
    static void placeAndPayAnOrder() {
        String product = "watch-" + UUID.randomUUID();
        client.putStock(product, 5);
        orderId = client.placeOrder("c-watch", "[{\"productId\":\"" + product + "\",\"quantity\":2}]");
        assertThat(client.awaitSettled(orderId, SETTLE).path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(client.pay(orderId, "4242424242424242").status()).isEqualTo(202);
        assertThat(client.awaitFinal(orderId, SETTLE).path("status").asString()).isEqualTo("PAID");
    }

    @Test
    void shouldTellAPaidOrdersStoryFromEveryTopicInTheOrderItHappened() {
        List<WatchedRecord> conversation;
        try (Conversations conversations = new Conversations(consumerConfig())) {
            conversation = conversations.of(orderId);
        }

        assertThat(conversation.stream().map(OrderConversationTest::describe).distinct())
                .containsExactlyElementsOf(PAID_ORDER);
        assertThat(conversation).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(orderId);
            assertThat(record.error()).isNull();
            assertThat(record.value().get("orderId").asText()).isEqualTo(orderId);
        });
    }

    @Test
    void shouldPrintTheConversationAsJsonLinesFromTheCommandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = WatchMain.run(List.of("--bootstrap-servers", bootstrapServers(), "--order", orderId),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as("exit status; stderr: %s", err).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            lines.add(JsonMapper.shared().readTree(line));
        }
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("key").asString()).isEqualTo(orderId);
            assertThat(line.path("time").asString()).isNotEmpty();
            assertThat(line.has("error")).isFalse();
        });
        assertThat(lines.stream().map(line -> line.path("value").path("@type").asString() + statusIn(line))
                .distinct()).containsExactlyElementsOf(PAID_ORDER);
        assertThat(lines.get(0).path("topic").asString()).isEqualTo("orders");
    }

    private static String describe(WatchedRecord record) {
        return record.type() + (record.value().has("status") ? " " + record.value().get("status").asText() : "");
    }

    private static String statusIn(JsonNode line) {
        JsonNode status = line.path("value").path("status");
        return status.isMissingNode() ? "" : " " + status.asString();
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    private static String bootstrapServers() {
        return TestInfrastructure.get().kafkaBootstrapServers();
    }
}
