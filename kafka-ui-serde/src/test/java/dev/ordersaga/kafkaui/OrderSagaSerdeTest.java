package dev.ordersaga.kafkaui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.MessageJson;
import dev.ordersaga.messaging.MessageTypes;
import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.TopicContract;
import dev.ordersaga.messaging.Topics;
import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.Serde.Target;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderSagaSerdeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroMessageSerializer<SpecificRecord> SERIALIZER = new AvroMessageSerializer<>();
    private static final OrderPlaced PLACED = new OrderPlaced("o-1", "c-1",
            List.of(new OrderLine("p-1", 2), new OrderLine("p-2", 1)), SampleMessages.AT, false);

    private final KafkaUiCalls kafkaUi = KafkaUiCalls.configure(new OrderSagaSerde());

    @Test
    void shouldOfferToReadKeysAndValuesOfEveryTopicOfTheCatalogue() {
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.addAll(List.of("inventory-commands-retry-0", "inventory-commands-retry-2",
                TopicCatalogue.SAGA_STATE_CHANGELOG, "saga-orchestrator-e2e-order-sagas-changelog"));

        for (String topic : topics) {
            assertThat(kafkaUi.serde().canDeserialize(topic, Target.VALUE)).as(topic).isTrue();
            assertThat(kafkaUi.serde().canDeserialize(topic, Target.KEY)).as(topic).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"__consumer_offsets", "orders-archive", "inventory-commands-retry", "payments"})
    void shouldLeaveTopicsOutsideTheCatalogueToOtherSerdes(String topic) {
        assertThat(kafkaUi.serde().canDeserialize(topic, Target.VALUE)).isFalse();
        assertThat(kafkaUi.serde().canDeserialize(topic, Target.KEY)).isFalse();
        assertThat(kafkaUi.serde().canSerialize(topic, Target.VALUE)).isFalse();
    }

    static Stream<Class<? extends SpecificRecord>> messageTypes() {
        return MessageTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void shouldShowEveryMessageTypeAsJsonNamingItsTypeWithAllItsFields(Class<? extends SpecificRecord> type)
            throws Exception {
        SpecificRecord message = SampleMessages.of(type);
        String topic = topicCarrying(type);

        DeserializeResult result = kafkaUi.value(topic, SERIALIZER.serialize(topic, message));

        assertThat(result.getType()).as(result.getResult()).isEqualTo(DeserializeResult.Type.JSON);
        JsonNode json = JSON.readTree(result.getResult());
        assertThat(json.get("@type").asText()).isEqualTo(type.getSimpleName());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(Stream.concat(Stream.of("@type"),
                MessageTypes.schemaOf(type).getFields().stream().map(Schema.Field::name)).toList());
        assertThat(json).isEqualTo(MessageJson.toTree(message));
        assertThat(result.getAdditionalProperties()).containsEntry("type", type.getSimpleName());
    }

    @Test
    void shouldShowTheFieldsOfAnOrderAsPeopleReadThem() throws Exception {
        JsonNode json = JSON.readTree(kafkaUi.value(Topics.ORDERS, SERIALIZER.serialize(Topics.ORDERS, PLACED))
                .getResult());

        assertThat(json.get("orderId").asText()).isEqualTo("o-1");
        assertThat(json.get("lines").get(1).get("productId").asText()).isEqualTo("p-2");
        assertThat(json.get("placedAt").asText()).isEqualTo("2026-12-04T10:15:30.123Z");
    }

    @Test
    void shouldShowADeadLetterOrARetriedCommandAsTheMessageItCarries() throws Exception {
        ReserveInventory reserve = new ReserveInventory("o-1", List.of(new OrderLine("p-1", 2)));
        Map<String, String> errorHeaders = Map.of("kafka_dlt-exception-message", "boom",
                "kafka_dlt-original-topic", Topics.INVENTORY_COMMANDS);

        DeserializeResult deadLetter = kafkaUi.value(Topics.INVENTORY_COMMANDS_DLT, errorHeaders,
                SERIALIZER.serialize(Topics.INVENTORY_COMMANDS, reserve));
        DeserializeResult sagaDeadLetter = kafkaUi.value(Topics.SAGA_DLT, SERIALIZER.serialize(Topics.ORDERS, PLACED));
        DeserializeResult retried = kafkaUi.value("inventory-commands-retry-1",
                SERIALIZER.serialize(Topics.INVENTORY_COMMANDS, reserve));

        assertThat(JSON.readTree(deadLetter.getResult())).isEqualTo(MessageJson.toTree(reserve));
        assertThat(JSON.readTree(sagaDeadLetter.getResult())).isEqualTo(MessageJson.toTree(PLACED));
        assertThat(JSON.readTree(retried.getResult())).isEqualTo(MessageJson.toTree(reserve));
    }

    static Stream<Arguments> valuesThatAreNoMessageOfTheirTopic() {
        byte[] unknownFingerprint = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(0x1234_5678_9ABC_DEF0L).putInt(0).array();
        byte[] placed = SERIALIZER.serialize(Topics.ORDERS, PLACED);
        return Stream.of(
                Arguments.of("garbage", Topics.ORDERS, "this is not an order".getBytes(StandardCharsets.UTF_8),
                        "no C3 01 header"),
                Arguments.of("garbage dead letter", Topics.SAGA_DLT, "{\"not\": \"avro\"}".getBytes(
                        StandardCharsets.UTF_8), "no C3 01 header"),
                Arguments.of("empty", Topics.INVENTORY_EVENTS, new byte[0], "0 bytes"),
                Arguments.of("unknown fingerprint", Topics.ORDERS, unknownFingerprint,
                        "unknown schema fingerprint 123456789abcdef0"),
                Arguments.of("wrong type for the topic", Topics.INVENTORY_EVENTS, placed,
                        "is a OrderPlaced, which does not belong there"),
                Arguments.of("truncated", Topics.ORDERS, Arrays.copyOf(placed, 14), "Cannot decode OrderPlaced"),
                Arguments.of("no value", Topics.ORDERS, null, "has no value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesThatAreNoMessageOfTheirTopic")
    void shouldDescribeAValueThatIsNoMessageOfItsTopicInsteadOfThrowing(String what, String topic, byte[] value,
            String reason) {
        DeserializeResult result = kafkaUi.value(topic, value);

        assertThat(result.getType()).isEqualTo(DeserializeResult.Type.STRING);
        assertThat(result.getResult()).startsWith(MessageReader.NOT_A_MESSAGE).contains(reason);
        assertThat(result.getAdditionalProperties()).isEmpty();
    }

    @Test
    void shouldShowTheFirstBytesOfAValueThatIsNoMessageInHex() {
        byte[] garbage = "this is not an order, not at all, not even close".getBytes(StandardCharsets.UTF_8);

        String text = kafkaUi.value(Topics.ORDERS, garbage).getResult();

        assertThat(text).endsWith("(48 bytes: 74 68 69 73 20 69 73 20 6e 6f 74 20 61 6e 20 6f 72 64 65 72 2c 20 6e"
                + " 6f 74 20 61 74 20 61 6c 6c ...)");
    }

    @Test
    void shouldShowKeysAsText() {
        DeserializeResult orderId = kafkaUi.key(Topics.ORDERS, "3f2b6c1e-order");
        DeserializeResult partition = kafkaUi.key(Topics.SAGA_CLOCK, "4");

        assertThat(orderId.getResult()).isEqualTo("3f2b6c1e-order");
        assertThat(orderId.getType()).isEqualTo(DeserializeResult.Type.STRING);
        assertThat(partition.getResult()).isEqualTo("4");
    }

    @Test
    void shouldOfferToProduceToTheSagaTopicsOnly() {
        for (TopicContract contract : TopicCatalogue.SAGA_TOPICS) {
            assertThat(kafkaUi.serde().canSerialize(contract.topic(), Target.VALUE)).as(contract.topic()).isTrue();
            assertThat(kafkaUi.serde().canSerialize(contract.topic(), Target.KEY)).as(contract.topic()).isTrue();
        }
        for (String topic : List.of(Topics.SAGA_DLT, Topics.INVENTORY_COMMANDS_DLT, Topics.SAGA_CLOCK,
                "inventory-commands-retry-0", TopicCatalogue.SAGA_STATE_CHANGELOG)) {
            assertThat(kafkaUi.serde().canSerialize(topic, Target.VALUE)).as(topic).isFalse();
        }
    }

    @Test
    void shouldProduceAnOrderWrittenAsJsonThatTheServicesRead() {
        String json = "{\"@type\": \"OrderPlaced\", \"orderId\": \"o-1\", \"customerId\": \"c-1\", \"lines\": ["
                + "{\"productId\": \"p-1\", \"quantity\": 2}, {\"productId\": \"p-2\", \"quantity\": 1}],"
                + " \"placedAt\": \"2026-12-04T10:15:30.123Z\"}";

        byte[] value = kafkaUi.produceValue(Topics.ORDERS, json);

        assertThat(new AvroMessageDeserializer<>().deserialize(Topics.ORDERS, value)).isEqualTo(PLACED);
        assertThat(kafkaUi.produceKey(Topics.ORDERS, "o-1")).isEqualTo("o-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldProduceWhatItShowsAndLetTheTypeBeLeftOutWhereTheTopicCarriesOne() {
        OrderStatusChanged changed = new OrderStatusChanged("o-1", "c-1", List.of(new OrderLine("p-1", 2)),
                OrderStatus.PAID, "PAYMENT_AUTHORIZED", SampleMessages.AT, SampleMessages.AT);
        String shown = kafkaUi.value(Topics.ORDER_STATUS, SERIALIZER.serialize(Topics.ORDER_STATUS, changed))
                .getResult();
        String untyped = shown.replace("\"@type\":\"OrderStatusChanged\",", "");

        assertThat(new AvroMessageDeserializer<>().deserialize(Topics.ORDER_STATUS,
                kafkaUi.produceValue(Topics.ORDER_STATUS, shown))).isEqualTo(changed);
        assertThat(new AvroMessageDeserializer<>().deserialize(Topics.ORDER_STATUS,
                kafkaUi.produceValue(Topics.ORDER_STATUS, untyped))).isEqualTo(changed);
    }

    @Test
    void shouldSayWhatIsWrongWithJsonThatIsNoMessageOfTheTopic() {
        assertThatThrownBy(() -> kafkaUi.produceValue(Topics.ORDERS, "{\"orderId\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a message for orders (OrderPlaced, PaymentSubmitted, "
                        + "CancellationRequested): Not JSON");
        assertThatThrownBy(() -> kafkaUi.produceValue(Topics.ORDERS, "{\"orderId\": \"o-1\"}"))
                .hasMessageContaining("\"@type\": one of [OrderPlaced, PaymentSubmitted, CancellationRequested]");
        assertThatThrownBy(() -> kafkaUi.produceValue(Topics.INVENTORY_EVENTS,
                MessageJson.toJson(SampleMessages.of(OrderSagaState.class))))
                .hasMessageContaining("\"OrderSagaState\" does not belong here");
        assertThatThrownBy(() -> kafkaUi.produceValue(Topics.ORDERS,
                "{\"@type\": \"OrderPlaced\", \"orderId\": \"o-1\"}"))
                .hasMessageContaining("OrderPlaced.customerId is missing");
    }

    @Test
    void shouldRefuseToProduceToATopicItDoesNotWrite() {
        assertThatThrownBy(() -> kafkaUi.produceValue(Topics.SAGA_DLT, MessageJson.toJson(PLACED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("saga topics only, not to saga-orchestrator-dlt");
    }

    @Test
    void shouldDescribeItselfAndLeaveTheProduceFormFree() {
        assertThat(kafkaUi.serde().getDescription()).hasValueSatisfying(text -> assertThat(text).contains("JSON"));
        assertThat(kafkaUi.serde().getSchema(Topics.ORDERS, Target.VALUE)).isEmpty();
    }

    private static String topicCarrying(Class<? extends SpecificRecord> type) {
        return TopicCatalogue.ALL.stream().filter(contract -> contract.carries(type)).map(TopicContract::topic)
                .findFirst().orElseGet(() -> TopicCatalogue.contractOf(TopicCatalogue.SAGA_STATE_CHANGELOG)
                        .filter(contract -> contract.carries(type)).orElseThrow().topic());
    }
}
