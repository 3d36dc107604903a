package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.ReservationFailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroMessageSerdeTest {

    private final AvroMessageSerializer<SpecificRecord> serializer = new AvroMessageSerializer<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void shouldRoundTripAMessageThroughSingleObjectEncoding() {
        OrderPlaced placed = new OrderPlaced("o-1", "c-1", List.of(new OrderLine("p-1", 2)), now);

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
                .hasMessageContaining("is a InventoryReserved, expected OrderPlaced");
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
    void shouldPassTombstonesThrough() {
        assertThat(serializer.serialize("orders", null)).isNull();
        assertThat(AvroSerdes.anyMessage().deserializer().deserialize("orders", null)).isNull();
    }
}
