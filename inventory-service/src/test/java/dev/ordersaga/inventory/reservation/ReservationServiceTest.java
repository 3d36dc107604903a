package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;
import static dev.ordersaga.messages.ReservationFailureReason.UNKNOWN_PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.ReserveInventory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The decision rules, called directly: no broker involved. */
class ReservationServiceTest extends InventoryIntegrationTest {

    @Autowired
    ReservationService service;

    @Autowired
    ReservationRepository reservations;

    @Test
    void shouldReserveEveryLineAndRecordTheOrderWhenStockSuffices() {
        String first = newProduct(5);
        String second = newProduct(5);
        String orderId = newOrderId();

        ReservationOutcome outcome = service.reserve(reserve(orderId, line(second, 2), line(first, 5)));

        assertThat(outcome.isReserved()).isTrue();
        assertThat(outcome.replayed()).isFalse();
        assertThat(reservations.findOutcome(orderId)).contains(outcome);
        assertThat(stockOf(first)).isEqualTo(new ProductStock(first, 0, 5, 1));
        assertThat(stockOf(second)).isEqualTo(new ProductStock(second, 3, 2, 1));
    }

    @Test
    void shouldRejectAsInvalidAndRecordWhenOrderHasNoLines() {
        String orderId = newOrderId();

        assertRejectedAsInvalid(reserve(orderId), "Order has no lines");
    }

    @Test
    void shouldRejectAsInvalidWhenAQuantityIsNotPositive() {
        String product = newProduct(5);
        String orderId = newOrderId();

        assertRejectedAsInvalid(reserve(orderId, line(product, 1), line(newProduct(5), 0)),
                "quantities must be positive");
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0));
    }

    @Test
    void shouldRejectAsInvalidWhenAProductAppearsInTwoLines() {
        String product = newProduct(5);
        String orderId = newOrderId();

        assertRejectedAsInvalid(reserve(orderId, line(product, 1), line(product, 2)), "more than one line");
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0));
    }

    @Test
    void shouldRejectWithoutRecordingWhenTheOrderIdCannotBeStored() {
        String product = newProduct(5);
        String orderId = "x".repeat(65);

        ReservationOutcome outcome = service.reserve(reserve(orderId, line(product, 1)));

        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(reservations.findOutcome(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0));
    }

    @Test
    void shouldRepeatTheFirstDecisionWhenTheSameOrderComesAgainAfterStockChanged() {
        String product = "later-" + newOrderId();
        String orderId = newOrderId();
        ReservationOutcome first = service.reserve(reserve(orderId, line(product, 1)));
        stock.insertIfAbsent(product, 10);
        double duplicatesBefore = counted("ordersaga.inventory.reservations", "outcome", "duplicate");

        ReservationOutcome second = service.reserve(reserve(orderId, line(product, 1)));

        assertThat(first.reason()).isEqualTo(UNKNOWN_PRODUCT);
        assertThat(second).isEqualTo(first.asReplay());
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0));
        assertThat(counted("ordersaga.inventory.reservations", "outcome", "duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    private void assertRejectedAsInvalid(ReserveInventory command, String expectedDetail) {
        ReservationOutcome outcome = service.reserve(command);

        assertThat(outcome.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(outcome.detail()).contains(expectedDetail);
        assertThat(reservations.findOutcome(command.getOrderId())).contains(outcome);
    }
}
