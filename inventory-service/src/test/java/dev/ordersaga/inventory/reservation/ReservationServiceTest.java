package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;
import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;
import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static dev.ordersaga.messages.ReservationFailureReason.UNKNOWN_PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of each command, called directly: no broker involved. */
class ReservationServiceTest extends InventoryIntegrationTest {

    private static final Attempt FIRST = new Attempt(1, 3);
    private static final Attempt LAST = new Attempt(3, 3);

    @Autowired
    ReservationService service;

    @Autowired
    ReservationRepository reservations;

    @Autowired
    List<ReservationStrategy> strategies;

    @Autowired
    ReservationProperties properties;

    @Autowired
    StockReserver reserver;

    @Autowired
    ReservedStock reservedStock;

    @Autowired
    InventoryMetrics metrics;

    @Test
    void shouldReserveEveryLineAndRecordTheOrderWhenStockSuffices() {
        String first = newProduct(5);
        String second = newProduct(5);
        String orderId = newOrderId();

        ReservationOutcome outcome = service.reserve(reserve(orderId, line(second, 2), line(first, 5)), FIRST);

        assertThat(outcome.isReserved()).isTrue();
        assertThat(outcome.replayed()).isFalse();
        assertThat(reservations.find(orderId)).contains(outcome.toReservation());
        assertThat(stockOf(first)).isEqualTo(new ProductStock(first, 0, 5, 0, 1));
        assertThat(stockOf(second)).isEqualTo(new ProductStock(second, 3, 2, 0, 1));
    }

    @Test
    void shouldRejectAsInvalidAndRecordWhenOrderHasNoLines() {
        assertRejectedAsInvalid(reserve(newOrderId()), "Order has no lines");
    }

    @Test
    void shouldRejectAsInvalidWhenAQuantityIsNotPositive() {
        String product = newProduct(5);

        assertRejectedAsInvalid(reserve(newOrderId(), line(product, 1), line(newProduct(5), 0)),
                "quantities must be positive");
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldRejectAsInvalidWhenAProductAppearsInTwoLines() {
        String product = newProduct(5);

        assertRejectedAsInvalid(reserve(newOrderId(), line(product, 1), line(product, 2)), "more than one line");
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldRejectWithoutRecordingWhenTheOrderIdCannotBeStored() {
        String product = newProduct(5);
        String orderId = "x".repeat(65);

        ReservationOutcome outcome = service.reserve(reserve(orderId, line(product, 1)), FIRST);

        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(reservations.find(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldRepeatTheFirstDecisionWhenTheSameOrderComesAgainAfterStockChanged() {
        String product = "later-" + newOrderId();
        String orderId = newOrderId();
        ReservationOutcome first = service.reserve(reserve(orderId, line(product, 1)), FIRST);
        stock.insertIfAbsent(product, 10);
        double duplicatesBefore = counted("ordersaga.inventory.reservations", "outcome", "duplicate");

        ReservationOutcome second = service.reserve(reserve(orderId, line(product, 1)), FIRST);

        assertThat(first.reason()).isEqualTo(UNKNOWN_PRODUCT);
        assertThat(second).isEqualTo(ReservationOutcome.replayOf(first.toReservation()));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 0));
        assertThat(counted("ordersaga.inventory.reservations", "outcome", "duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void shouldThrowTheConflictAndRecordNothingWhenStockChangesConcurrentlyBeforeTheLastAttempt() {
        String product = newFrozenProduct(5, 0);
        String orderId = newOrderId();

        assertThatThrownBy(() -> service.reserve(reserve(orderId, line(product, 1)), FIRST))
                .isInstanceOf(ReservationConflictException.class);

        assertThat(reservations.find(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldRunAConflictedReservationAgainAtOnceAndReserveWhenTheStockIsLeftAlone() {
        ReservationService retryingTwice = serviceWithImmediateRetries(2);
        String product = newProductConflictingOnFirstUpdates(5, 2);
        String orderId = newOrderId();
        double conflictsBefore = counted("ordersaga.inventory.conflicts", "command", "reserve");
        double immediateRetriesBefore = counted("ordersaga.inventory.immediate.retries", "command", "reserve");

        ReservationOutcome outcome = retryingTwice.reserve(reserve(orderId, line(product, 2)), FIRST);

        assertThat(outcome.isReserved()).isTrue();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 3, 2, 0, 1));
        assertThat(counted("ordersaga.inventory.conflicts", "command", "reserve")).isEqualTo(conflictsBefore + 2);
        assertThat(counted("ordersaga.inventory.immediate.retries", "command", "reserve"))
                .isEqualTo(immediateRetriesBefore + 2);
    }

    @Test
    void shouldThrowTheConflictForARetryTopicWhenItOutlastsTheImmediateRetries() {
        ReservationService retryingTwice = serviceWithImmediateRetries(2);
        String product = newProductConflictingOnFirstUpdates(5, 3);
        String orderId = newOrderId();

        assertThatThrownBy(() -> retryingTwice.reserve(reserve(orderId, line(product, 1)), FIRST))
                .isInstanceOf(ReservationConflictException.class);
        assertThat(reservations.find(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));

        ReservationOutcome retried = retryingTwice.reserve(reserve(orderId, line(product, 1)), new Attempt(2, 3));
        assertThat(retried.isReserved()).as("the retry from the topic").isTrue();
    }

    @Test
    void shouldRunAConflictedReleaseAgainAtOnce() {
        ReservationService retryingOnce = serviceWithImmediateRetries(1);
        String product = newProductConflictingOnFirstUpdates(4, 1);
        String orderId = newOrderId();
        assertThat(retryingOnce.reserve(reserve(orderId, line(product, 3)), FIRST).isReserved()).isTrue();
        jdbc.sql("ALTER SEQUENCE \"" + product + "\" RESTART").update(); // the release's first update is lost too
        double conflictsBefore = counted("ordersaga.inventory.conflicts", "command", "release");

        Reservation released = retryingOnce.release(new ReleaseInventory(orderId, "CANCELLED"), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 4, 0, 0, 2));
        assertThat(counted("ordersaga.inventory.conflicts", "command", "release")).isEqualTo(conflictsBefore + 1);
    }

    @Test
    void shouldRejectWithConflictRetriesExhaustedWhenTheLastAttemptConflicts() {
        String product = newFrozenProduct(5, 0);
        String orderId = newOrderId();

        ReservationOutcome outcome = service.reserve(reserve(orderId, line(product, 1)), LAST);

        assertThat(outcome.reason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
        assertThat(outcome.detail()).startsWith("Each of 3 attempts met a concurrent change");
        assertThat(reservations.find(orderId)).contains(outcome.toReservation());
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldGiveReservedUnitsBackWhenAReservedOrderIsReleasedAndStillAnswerReservedToItsReservation() {
        String product = newProduct(10);
        String orderId = newOrderId();
        ReservationOutcome reserved = service.reserve(reserve(orderId, line(product, 3)), FIRST);

        Reservation released = service.release(new ReleaseInventory(orderId, "CANCELLED"), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.endedAt()).isNotNull();
        assertThat(reservations.find(orderId)).contains(released);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 2));
        assertThat(service.reserve(reserve(orderId, line(product, 3)), FIRST))
                .isEqualTo(ReservationOutcome.replayOf(reserved.toReservation()));
    }

    @Test
    void shouldKeepTheReasonAndChangeNoStockWhenARejectedOrderIsReleased() {
        String product = newProduct(1);
        String orderId = newOrderId();
        service.reserve(reserve(orderId, line(product, 2)), FIRST);

        Reservation released = service.release(new ReleaseInventory(orderId, null), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.reason()).isEqualTo(OUT_OF_STOCK);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 1, 0, 0, 0));
        assertThat(service.reserve(reserve(orderId, line(product, 2)), FIRST).reason()).isEqualTo(OUT_OF_STOCK);
    }

    @Test
    void shouldLetCommittedUnitsLeaveTheStockSoThatAvailablePlusReservedPlusCommittedStaysTheSame() {
        String product = newProduct(10);
        String committedOrder = newOrderId();
        service.reserve(reserve(committedOrder, line(product, 3)), FIRST);
        service.reserve(reserve(newOrderId(), line(product, 2)), FIRST);

        Reservation committed = service.commit(new CommitInventory(committedOrder), FIRST);

        assertThat(committed.status()).isEqualTo(ReservationStatus.COMMITTED);
        ProductStock after = stockOf(product);
        assertThat(after).isEqualTo(new ProductStock(product, 5, 2, 3, 3));
        assertThat(after.committed()).isEqualTo(reservations.findLines(committedOrder).get(product));
        assertThat(after.available() + after.reserved() + after.committed()).isEqualTo(10);
    }

    @Test
    void shouldLeaveACommittedOrderAsItIsWhenItIsReleased() {
        String product = newProduct(10);
        String orderId = newOrderId();
        service.reserve(reserve(orderId, line(product, 3)), FIRST);
        Reservation committed = service.commit(new CommitInventory(orderId), FIRST);

        Reservation afterRelease = service.release(new ReleaseInventory(orderId, "EXPIRED"), FIRST);

        assertThat(afterRelease).isEqualTo(committed);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 0, 3, 2));
    }

    @Test
    void shouldRefuseToCommitAnOrderThatHoldsNoStock() {
        String product = newProduct(1);
        String rejected = newOrderId();
        service.reserve(reserve(rejected, line(product, 5)), FIRST);
        String released = newOrderId();
        service.release(new ReleaseInventory(released, null), FIRST);

        for (String orderId : new String[] {rejected, released, newOrderId()}) {
            assertThatThrownBy(() -> service.commit(new CommitInventory(orderId), FIRST))
                    .as("commit of %s", orderId)
                    .isInstanceOf(InapplicableCommandException.class)
                    .hasMessageContaining("Only a RESERVED order can be committed");
        }
        assertThat(reservations.find(rejected).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 1, 0, 0, 0));
    }

    @Test
    void shouldThrowTheConflictOfAReleaseEvenOnItsLastAttemptAndKeepTheReservation() {
        String product = newFrozenProduct(4, 1);
        String orderId = newOrderId();
        // Recorded directly: the frozen product's stock cannot be reserved through versioned updates.
        reservations.insertIfAbsent(new Reservation(orderId, ReservationStatus.RESERVED, null, null,
                Reservation.now(), null));
        reservations.insertLines(orderId, Map.of(product, 1));

        assertThatThrownBy(() -> service.release(new ReleaseInventory(orderId, null), LAST))
                .isInstanceOf(ReservationConflictException.class);

        assertThat(reservations.find(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    /** A service like the application's, but with its own number of immediate retries. */
    private ReservationService serviceWithImmediateRetries(int immediateRetries) {
        ReservationProperties.Retry retry = properties.retry();
        var withImmediateRetries = new ReservationProperties(properties.strategy(), new ReservationProperties.Retry(
                immediateRetries, retry.attempts(), retry.delay(), retry.multiplier(), retry.maxDelay(),
                retry.jitter()), properties.lock());
        return new ReservationService(strategies, withImmediateRetries, reserver, reservedStock, reservations,
                metrics);
    }

    private void assertRejectedAsInvalid(ReserveInventory command, String expectedDetail) {
        ReservationOutcome outcome = service.reserve(command, FIRST);

        assertThat(outcome.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(outcome.detail()).contains(expectedDetail);
        assertThat(reservations.find(command.getOrderId())).contains(outcome.toReservation());
    }
}
