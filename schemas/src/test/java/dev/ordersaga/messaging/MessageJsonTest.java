package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.ReservationFailureReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    private static final Instant PLACED_AT = Instant.parse("2026-12-04T10:15:30.123Z");
    private static final OrderPlaced PLACED = new OrderPlaced("o-1", "c-1",
            List.of(new OrderLine("p-1", 2), new OrderLine("p-2", 1)), PLACED_AT, false);

    @Test
    void shouldWriteAMessageWithItsTypeNameFieldsInOrderAndInstantsAsIso8601() {
        assertThat(MessageJson.toJson(PLACED)).isEqualTo("{\"@type\":\"OrderPlaced\",\"orderId\":\"o-1\","
                + "\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"p-1\",\"quantity\":2},"
                + "{\"productId\":\"p-2\",\"quantity\":1}],\"placedAt\":\"2026-12-04T10:15:30.123Z\","
                + "\"createdByOrderService\":false}");
    }

    @Test
    void shouldWriteEnumsAsTheirNamesAndAbsentOptionalFieldsAsNull() {
        var failed = new InventoryReservationFailed("o-1", ReservationFailureReason.OUT_OF_STOCK, null, PLACED_AT);

        assertThat(MessageJson.toTree(failed).get("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(MessageJson.toTree(failed).get("detail").isNull()).isTrue();
    }

    @Test
    void shouldWriteAnOptionalInstantAsIso8601() {
        var state = OrderSagaState.newBuilder().setOrderId("o-1").setCustomerId("c-1").setLines(PLACED.getLines())
                .setStatus(OrderStatus.AWAITING_PAYMENT).setPlacedAt(PLACED_AT).setUpdatedAt(PLACED_AT)
                .setPaymentDueAt(PLACED_AT.plusSeconds(60)).build();

        assertThat(MessageJson.toTree(state).get("paymentDueAt").asText()).isEqualTo("2026-12-04T10:16:30.123Z");
        assertThat(MessageJson.fromJson(MessageJson.toJson(state), List.of(OrderSagaState.class))).isEqualTo(state);
    }

    @Test
    void shouldReadBackWhatItWrites() {
        for (var message : List.of(PLACED, new InventoryReservationFailed("o-2",
                ReservationFailureReason.OUT_OF_STOCK, "p-1: 3 wanted, 1 left", PLACED_AT))) {
            assertThat(MessageJson.fromJson(MessageJson.toJson(message), MessageTypes.ALL)).isEqualTo(message);
        }
    }

    @Test
    void shouldReadAHandWrittenOrderWithEpochMillisAndDefaultsLeftOut() {
        String json = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"p-1\","
                + "\"quantity\":2},{\"productId\":\"p-2\",\"quantity\":1}],\"placedAt\":" + PLACED_AT.toEpochMilli()
                + "}";

        assertThat(MessageJson.fromJson(json, List.of(OrderPlaced.class))).isEqualTo(PLACED);
    }

    @Test
    void shouldSayWhatIsWrongWithJsonThatIsNoSuchMessage() {
        var orders = TopicCatalogue.contractOf(Topics.ORDERS).orElseThrow().valueTypes();

        assertThatThrownBy(() -> MessageJson.fromJson("{\"orderId\":\"o-1\"}", orders))
                .hasMessageContaining("\"@type\": one of [OrderPlaced, PaymentSubmitted, CancellationRequested]");
        assertThatThrownBy(() -> MessageJson.fromJson("{\"@type\":\"InventoryReserved\"}", orders))
                .hasMessageContaining("does not belong here");
        assertThatThrownBy(() -> MessageJson.fromJson("{\"@type\":\"OrderPlaced\",\"orderId\":\"o-1\"}", orders))
                .hasMessageContaining("OrderPlaced.customerId is missing");
        assertThatThrownBy(() -> MessageJson.fromJson("{\"@type\":\"OrderPlaced\",\"orderId\":\"o-1\","
                + "\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":\"two\"}],\"placedAt\":0}",
                orders)).hasMessageContaining("OrderPlaced.lines[0].quantity must be a whole number");
        assertThatThrownBy(() -> MessageJson.fromJson("{\"@type\":\"OrderPlaced\",\"orderId\":\"o-1\","
                + "\"customerId\":\"c\",\"lines\":[],\"placedAt\":0,\"colour\":\"red\"}", orders))
                .hasMessageContaining("has no field \"colour\"");
        assertThatThrownBy(() -> MessageJson.fromJson("not json", orders)).hasMessageContaining("Not JSON");
    }
}
