package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.ReservationFailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroMessageSerdeTest {

    private final AvroMessageSerializer<SpecificRecord> serializer = new AvroMessageSerializer<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void shouldRoundTripAMessageThroughSingleObjectEncoding() {
        OrderPlaced placed = new OrderPlaced("o-1", "c-1", List.of(new OrderLine("p-1", 2)), now, true);

        byte[] bytes = serializer.serialize("orders", placed);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(new AvroMessageDeserializer<>(OrderPlaced.class).deserialize("orders", bytes)).isEqualTo(placed);
    }

    @Test
    void shouldPickTheMessageTypeFromTheFingerprintOnATopicWithSeveralTypes() {
        var reserved = new InventoryReserved("o-1", now);
        var failed = new InventoryReservationFailed("o-2", ReservationFailureReason.OUT_OF_STOCK, "p-1", now);
        var any = AvroSerdes.anyMessage().deserializer();

        assertThat(any.deserialize("inventory-events", serializer.serialize("inventory-events", reserved)))
                .isEqualTo(reserved);
        assertThat(any.deserialize("inventory-events", serializer.serialize("inventory-events", failed)))
                .isEqualTo(failed);
    }

    @Test
    void shouldRejectBytesThatAreNotAnOrderSagaMessage() {
        var deserializer = AvroSerdes.anyMessage().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("orders", "{\"orderId\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not an Avro single-object encoded");
    }

    @Test
    void shouldRejectAMessageOfAnotherTypeThanTheTopicCarries() {
        byte[] reserved = serializer.serialize("orders", new InventoryReserved("o-1", now));

        assertThatThrownBy(() -> new AvroMessageDeserializer<>(OrderPlaced.class).deserialize("orders", reserved))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is a InventoryReserved, which does not belong there; expected OrderPlaced");
    }

    @Test
    void shouldReadOnlyTheTypesTheCatalogueDeclaresForATopic() {
        var orders = AvroSerdes.forTopic(Topics.ORDERS).deserializer();
        var placed = new OrderPlaced("o-1", "c-1", List.of(new OrderLine("p-1", 2)), now, true);
        byte[] failed = serializer.serialize("orders", new InventoryReservationFailed("o-1",
                ReservationFailureReason.OUT_OF_STOCK, null, now));

        assertThat(orders.deserialize("orders", serializer.serialize("orders", placed))).isEqualTo(placed);
        assertThatThrownBy(() -> orders.deserialize("orders", failed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is a InventoryReservationFailed, which does not belong there;"
                        + " expected OrderPlaced or PaymentSubmitted or CancellationRequested");
    }

    @Test
    void shouldRejectOnEveryCatalogueTopicATypeItDoesNotCarryEvenWhenBuiltForAnyMessage() {
        var anyTopic = new AvroMessageDeserializer<>();
        byte[] command = serializer.serialize("payment-commands", new InventoryReserved("o-1", now));

        assertThatThrownBy(() -> anyTopic.deserialize(Topics.PAYMENT_COMMANDS, command))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected AuthorizePayment or VoidPayment");
        assertThatThrownBy(() -> anyTopic.deserialize("inventory-commands-retry-2", command))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected ReserveInventory or ReleaseInventory or CommitInventory");
        assertThat(anyTopic.deserialize(Topics.INVENTORY_EVENTS, command)).isInstanceOf(InventoryReserved.class);
        assertThat(anyTopic.deserialize("a-topic-of-someone-else", command)).isInstanceOf(InventoryReserved.class);
    }

    @Test
    void shouldRejectARecordWithoutValueOnASagaTopicButNotOnAChangelog() {
        var anyTopic = new AvroMessageDeserializer<>();

        assertThatThrownBy(() -> anyTopic.deserialize(Topics.PAYMENT_COMMANDS, null))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("has no value");
        assertThat(anyTopic.deserialize(TopicCatalogue.SAGA_STATE_CHANGELOG, null)).isNull();
    }

    @Test
    void shouldRejectAnUnknownSchemaFingerprint() {
        byte[] bytes = serializer.serialize("orders", new InventoryReserved("o-1", now));
        bytes[5] ^= 0x7f;

        assertThatThrownBy(() -> AvroSerdes.anyMessage().deserializer().deserialize("orders", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema fingerprint");
    }

    @Test
    void shouldReadAMessageWrittenWithAnEarlierSchemaGivingNewFieldsTheirDefaults() throws Exception {
        Schema version1 = MessageTypes.earlierSchemasOf(OrderSagaState.class).get(0);
        GenericRecord written = orderOfOneLine(version1);
        written.put("status", new GenericData.EnumSymbol(version1.getField("status").schema(), "AWAITING_PAYMENT"));
        written.put("reason", null);
        written.put("updatedAt", now.toEpochMilli());
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), version1).encode(written).array();

        OrderSagaState read = new AvroMessageDeserializer<>(OrderSagaState.class).deserialize("changelog", bytes);

        assertThat(read.getOrderId()).isEqualTo("o-1");
        assertThat(read.getStatus()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(read.getLines()).containsExactly(new OrderLine("p-1", 2));
        assertThat(read.getStep()).isNull();
        assertThat(read.getPayment()).isNull();
    }

    @Test
    void shouldReadAnOrderPlacedWrittenBeforeItSaidWhoCreatedTheOrderAsCreatedByAnotherClient() throws Exception {
        Schema version1 = MessageTypes.earlierSchemasOf(OrderPlaced.class).get(0);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), version1)
                .encode(orderOfOneLine(version1)).array();

        OrderPlaced read = new AvroMessageDeserializer<>(OrderPlaced.class).deserialize("orders", bytes);

        assertThat(read.getOrderId()).isEqualTo("o-1");
        assertThat(read.getLines()).containsExactly(new OrderLine("p-1", 2));
        assertThat(read.getCreatedByOrderService()).isFalse();
    }

    @Test
    void shouldPassTombstonesThroughWhereTheTopicAllowsThem() {
        assertThat(serializer.serialize(TopicCatalogue.SAGA_STATE_CHANGELOG, null)).isNull();
        assertThat(AvroSerdes.of(OrderSagaState.class).deserializer()
                .deserialize(TopicCatalogue.SAGA_STATE_CHANGELOG, null)).isNull();
    }

    /** Order o-1 of customer c-1, placed now, with one line (p-1, 2), as a record of an earlier schema. */
    private GenericRecord orderOfOneLine(Schema schema) {
        GenericRecord line = new GenericData.Record(schema.getField("lines").schema().getElementType());
        line.put("productId", "p-1");
        line.put("quantity", 2);
        GenericRecord order = new GenericData.Record(schema);
        order.put("orderId", "o-1");
        order.put("customerId", "c-1");
        order.put("lines", List.of(line));
        order.put("placedAt", now.toEpochMilli());
        return order;
    }
}
