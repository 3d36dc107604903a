package dev.ordersaga.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReserveInventoryListenerTest extends InventoryIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = KafkaTestClient.forSharedBroker();

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void shouldPublishInventoryReservedAndMoveStockToReservedWhenStockSuffices() {
        String product = newProduct(10);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 3)));

            assertThat(events.awaitMessage(InventoryReserved.class, orderId, TIMEOUT).getOrderId()).isEqualTo(orderId);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 1));
    }

    @Test
    void shouldPublishOutOfStockAndLeaveStockUntouchedWhenOrderExceedsAvailableStock() {
        String product = newProduct(2);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 5)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
            assertThat(failed.getDetail()).isEqualTo(product + ": requested 5, available 2");
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 2, 0, 0));
    }

    @Test
    void shouldPublishUnknownProductWhenOrderNamesAProductThatDoesNotExist() {
        String known = newProduct(10);
        String unknown = "no-such-product-" + orderSuffix();
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(known, 1), line(unknown, 1)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.UNKNOWN_PRODUCT);
            assertThat(failed.getDetail()).contains(unknown).doesNotContain(known);
        }
        assertThat(stockOf(known)).isEqualTo(new ProductStock(known, 10, 0, 0));
    }

    @Test
    void shouldReserveNoLineWhenOneLineOfTheOrderIsShort() {
        String plenty = newProduct(10);
        String scarce = newProduct(1);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(plenty, 3), line(scarce, 2)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
            assertThat(failed.getDetail()).isEqualTo(scarce + ": requested 2, available 1");
        }
        assertThat(stockOf(plenty)).isEqualTo(new ProductStock(plenty, 10, 0, 0));
        assertThat(stockOf(scarce)).isEqualTo(new ProductStock(scarce, 1, 0, 0));
    }

    @Test
    void shouldReserveOnceAndPublishTheSameOutcomeAgainWhenACommandIsDeliveredTwice() {
        String product = newProduct(10);
        String orderId = newOrderId();
        var command = reserve(orderId, line(product, 3));

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, command);
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, command);

            await().atMost(TIMEOUT).until(() -> events.drain(Duration.ofMillis(100)).stream()
                    .filter(record -> orderId.equals(record.key()))
                    .map(events::decode)
                    .filter(InventoryReserved.class::isInstance)
                    .count() == 2);
            var published = events.drain(Duration.ofMillis(500)).stream()
                    .filter(record -> orderId.equals(record.key()))
                    .map(events::decode)
                    .toList();
            assertThat(published).hasSize(2).allMatch(InventoryReserved.class::isInstance);
            assertThat(published.get(1)).isEqualTo(published.get(0));
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 1));
    }

    @Test
    void shouldDeadLetterAnUndecodableCommandAndGoOnWithTheNextOne() {
        String product = newProduct(10);
        String orderId = newOrderId();
        byte[] garbage = "not an order-saga message".getBytes(StandardCharsets.UTF_8);

        try (var records = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT, Topics.INVENTORY_EVENTS)) {
            // Same key, so the valid command lands on the same partition, behind the poison record.
            kafka.sendRaw(Topics.INVENTORY_COMMANDS, orderId, garbage);
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 1)));

            var deadLetter = records.await(record -> record.topic().equals(Topics.INVENTORY_COMMANDS_DLT)
                    && orderId.equals(record.key()), TIMEOUT);
            assertThat(deadLetter.value()).isEqualTo(garbage);
            records.awaitMessage(InventoryReserved.class, orderId, TIMEOUT);
        }
        assertThat(stockOf(product).reserved()).isEqualTo(1);
    }

    private static String orderSuffix() {
        return newOrderId().substring("order-".length());
    }
}
