package dev.ordersaga.inventory.reservation;

import static dev.ordersaga.messages.ReservationFailureReason.CONFLICT_RETRIES_EXHAUSTED;
import static dev.ordersaga.messages.ReservationFailureReason.INVALID_ORDER;
import static dev.ordersaga.messages.ReservationFailureReason.OUT_OF_STOCK;
import static dev.ordersaga.messages.ReservationFailureReason.UNKNOWN_PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of each command and of a batch of them, called directly: no broker involved. */
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
    ReservationSettler settler;

    @Autowired
    ReservationMetrics metrics;

    @Autowired
    Clock clock;

    @Test
    void shouldReserveEveryLineAndRecordTheOrderWhenStockSuffices() {
        String first = newProduct(5);
        String second = newProduct(5);
        String orderId = newOrderId();

        ReservationOutcome outcome = reserveWith(service, reserve(orderId, line(second, 2), line(first, 5)), FIRST);

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

        ReservationOutcome outcome = reserveWith(service, reserve(orderId, line(product, 1)), FIRST);

        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(reservations.find(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldRepeatTheFirstDecisionWhenTheSameOrderComesAgainAfterStockChanged() {
        String product = "later-" + newOrderId();
        String orderId = newOrderId();
        ReservationOutcome first = reserveWith(service, reserve(orderId, line(product, 1)), FIRST);
        stock.insertIfAbsent(product, 10);
        double duplicatesBefore = counted("ordersaga.inventory.reservations", "outcome", "duplicate");

        ReservationOutcome second = reserveWith(service, reserve(orderId, line(product, 1)), FIRST);

        assertThat(first.reason()).isEqualTo(UNKNOWN_PRODUCT);
        assertThat(second).isEqualTo(ReservationOutcome.replayOf(first.toReservation()));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 0));
        assertThat(counted("ordersaga.inventory.reservations", "outcome", "duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void shouldSendTheCommandToItsRetryTopicAndRecordNothingWhenStockChangesConcurrentlyBeforeTheLastAttempt() {
        String product = newFrozenProduct(5, 0);
        String orderId = newOrderId();

        assertThat(verdictOf(service, reserve(orderId, line(product, 1)), FIRST)).isInstanceOf(Verdict.Retry.class);

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

        ReservationOutcome outcome = reserveWith(retryingTwice, reserve(orderId, line(product, 2)), FIRST);

        assertThat(outcome.isReserved()).isTrue();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 3, 2, 0, 1));
        assertThat(counted("ordersaga.inventory.conflicts", "command", "reserve")).isEqualTo(conflictsBefore + 2);
        assertThat(counted("ordersaga.inventory.immediate.retries", "command", "reserve"))
                .isEqualTo(immediateRetriesBefore + 2);
    }

    @Test
    void shouldSendTheConflictToARetryTopicWhenItOutlastsTheImmediateRetries() {
        ReservationService retryingTwice = serviceWithImmediateRetries(2);
        String product = newProductConflictingOnFirstUpdates(5, 3);
        String orderId = newOrderId();

        assertThat(verdictOf(retryingTwice, reserve(orderId, line(product, 1)), FIRST))
                .isInstanceOf(Verdict.Retry.class);
        assertThat(reservations.find(orderId)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));

        ReservationOutcome retried = reserveWith(retryingTwice, reserve(orderId, line(product, 1)), new Attempt(2, 3));
        assertThat(retried.isReserved()).as("the retry from the topic").isTrue();
    }

    @Test
    void shouldRunAConflictedReleaseAgainAtOnce() {
        ReservationService retryingOnce = serviceWithImmediateRetries(1);
        String product = newProductConflictingOnFirstUpdates(4, 1);
        String orderId = newOrderId();
        assertThat(reserveWith(retryingOnce, reserve(orderId, line(product, 3)), FIRST).isReserved()).isTrue();
        jdbc.sql("ALTER SEQUENCE \"" + product + "\" RESTART").update(); // the release's first update is lost too
        double conflictsBefore = counted("ordersaga.inventory.conflicts", "command", "release");

        Reservation released = settleWith(retryingOnce, new ReleaseInventory(orderId, "CANCELLED"), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 4, 0, 0, 2));
        assertThat(counted("ordersaga.inventory.conflicts", "command", "release")).isEqualTo(conflictsBefore + 1);
    }

    @Test
    void shouldRejectWithConflictRetriesExhaustedWhenTheLastAttemptConflicts() {
        String product = newFrozenProduct(5, 0);
        String orderId = newOrderId();

        ReservationOutcome outcome = reserveWith(service, reserve(orderId, line(product, 1)), LAST);

        assertThat(outcome.reason()).isEqualTo(CONFLICT_RETRIES_EXHAUSTED);
        assertThat(outcome.detail()).startsWith("Each of 3 attempts met a concurrent change");
        assertThat(reservations.find(orderId)).contains(outcome.toReservation());
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 5, 0, 0, 0));
    }

    @Test
    void shouldGiveReservedUnitsBackWhenAReservedOrderIsReleasedAndStillAnswerReservedToItsReservation() {
        String product = newProduct(10);
        String orderId = newOrderId();
        ReservationOutcome reserved = reserveWith(service, reserve(orderId, line(product, 3)), FIRST);

        Reservation released = settleWith(service, new ReleaseInventory(orderId, "CANCELLED"), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.endedAt()).isNotNull();
        assertThat(reservations.find(orderId)).contains(released);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 2));
        assertThat(reserveWith(service, reserve(orderId, line(product, 3)), FIRST))
                .isEqualTo(ReservationOutcome.replayOf(reserved.toReservation()));
    }

    @Test
    void shouldKeepTheReasonAndChangeNoStockWhenARejectedOrderIsReleased() {
        String product = newProduct(1);
        String orderId = newOrderId();
        reserveWith(service, reserve(orderId, line(product, 2)), FIRST);

        Reservation released = settleWith(service, new ReleaseInventory(orderId, null), FIRST);

        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.reason()).isEqualTo(OUT_OF_STOCK);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 1, 0, 0, 0));
        assertThat(reserveWith(service, reserve(orderId, line(product, 2)), FIRST).reason()).isEqualTo(OUT_OF_STOCK);
    }

    @Test
    void shouldLetCommittedUnitsLeaveTheStockSoThatAvailablePlusReservedPlusCommittedStaysTheSame() {
        String product = newProduct(10);
        String committedOrder = newOrderId();
        reserveWith(service, reserve(committedOrder, line(product, 3)), FIRST);
        reserveWith(service, reserve(newOrderId(), line(product, 2)), FIRST);

        Reservation committed = settleWith(service, new CommitInventory(committedOrder), FIRST);

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
        reserveWith(service, reserve(orderId, line(product, 3)), FIRST);
        Reservation committed = settleWith(service, new CommitInventory(orderId), FIRST);

        Reservation afterRelease = settleWith(service, new ReleaseInventory(orderId, "EXPIRED"), FIRST);

        assertThat(afterRelease).isEqualTo(committed);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 0, 3, 2));
    }

    @Test
    void shouldRefuseToCommitAnOrderThatHoldsNoStock() {
        String product = newProduct(1);
        String rejected = newOrderId();
        reserveWith(service, reserve(rejected, line(product, 5)), FIRST);
        String released = newOrderId();
        settleWith(service, new ReleaseInventory(released, null), FIRST);

        for (String orderId : new String[] {rejected, released, newOrderId()}) {
            assertThat(verdictOf(service, new CommitInventory(orderId), FIRST))
                    .as("commit of %s", orderId)
                    .isInstanceOfSatisfying(Verdict.DeadLetter.class, deadLetter -> assertThat(deadLetter.reason())
                            .isInstanceOf(InapplicableCommandException.class)
                            .hasMessageContaining("Only a RESERVED order can be committed"));
        }
        assertThat(reservations.find(rejected).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 1, 0, 0, 0));
    }

    @Test
    void shouldDeadLetterAReleaseThatStillConflictsOnItsLastAttemptAndKeepTheReservation() {
        String product = newFrozenProduct(4, 1);
        String orderId = newOrderId();
        // Recorded directly: the frozen product's stock cannot be reserved through versioned updates.
        reservations.insertAllIfAbsent(List.of(new Reservation(orderId, ReservationStatus.RESERVED, null, null,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), null)));
        reservations.insertLines(Map.of(orderId, Map.of(product, 1)));

        assertThat(verdictOf(service, new ReleaseInventory(orderId, null), LAST))
                .isInstanceOfSatisfying(Verdict.DeadLetter.class, deadLetter -> assertThat(deadLetter.reason())
                        .isInstanceOf(ReservationConflictException.class));

        assertThat(reservations.find(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void shouldApplySeveralOrdersOfOneProductInOneWriteEachSeeingWhatTheOnesBeforeItDid() {
        String product = newProduct(5);
        String first = newOrderId();
        String second = newOrderId();
        String third = newOrderId();
        String fourth = newOrderId();

        List<Verdict> verdicts = service.apply(List.of(
                new Command(reserve(first, line(product, 2)), FIRST),
                new Command(reserve(second, line(product, 2)), FIRST),
                new Command(reserve(third, line(product, 2)), FIRST),
                new Command(new ReleaseInventory(first, "CANCELLED"), FIRST),
                new Command(reserve(fourth, line(product, 3)), FIRST)));

        assertThat(outcome(verdicts.get(0)).isReserved()).isTrue();
        assertThat(outcome(verdicts.get(1)).isReserved()).isTrue();
        assertThat(outcome(verdicts.get(2)).detail()).isEqualTo(product + ": requested 2, available 1");
        assertThat(verdicts.get(3)).isInstanceOfSatisfying(Verdict.Settled.class, settled -> assertThat(
                settled.reservation().status()).isEqualTo(ReservationStatus.RELEASED));
        assertThat(outcome(verdicts.get(4)).isReserved()).as("reserves the units the release gave back").isTrue();
        // Version 1: the product's row was written once, for the whole batch.
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 0, 5, 0, 1));
        assertThat(reservations.find(first).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservations.findLines(first)).containsExactly(Map.entry(product, 2));
        assertThat(reservations.findLines(third)).isEmpty();
        assertThat(reservations.findLines(fourth)).containsExactly(Map.entry(product, 3));
    }

    @Test
    void shouldReserveOnceAndAnswerTheSameOutcomeTwiceWhenABatchHoldsACommandTwice() {
        String product = newProduct(10);
        String orderId = newOrderId();
        Command command = new Command(reserve(orderId, line(product, 3)), FIRST);

        List<Verdict> verdicts = service.apply(List.of(command, command));

        ReservationOutcome first = outcome(verdicts.get(0));
        ReservationOutcome second = outcome(verdicts.get(1));
        assertThat(first.isReserved()).isTrue();
        assertThat(second).isEqualTo(ReservationOutcome.replayOf(first.toReservation()));
        assertThat(second.decidedAt()).isEqualTo(first.decidedAt());
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 0, 1));
    }

    @Test
    void shouldApplyTheRestOfABatchWhenOneOfItsCommandsCannotApply() {
        String product = newProduct(10);
        String before = newOrderId();
        String after = newOrderId();

        List<Verdict> verdicts = service.apply(List.of(
                new Command(reserve(before, line(product, 1)), FIRST),
                new Command(new CommitInventory(newOrderId()), FIRST),
                new Command(reserve(after, line(product, 2)), FIRST)));

        assertThat(verdicts.get(1)).isInstanceOf(Verdict.DeadLetter.class);
        assertThat(outcome(verdicts.get(0)).isReserved()).isTrue();
        assertThat(outcome(verdicts.get(2)).isReserved()).isTrue();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 0, 1));
    }

    @Test
    void shouldSendOnlyTheConflictedCommandsToTheirRetryTopicAndApplyTheOthers() {
        String frozen = newFrozenProduct(5, 0);
        String product = newProduct(5);
        String conflicted = newOrderId();
        String applied = newOrderId();

        List<Verdict> verdicts = service.apply(List.of(
                new Command(reserve(conflicted, line(frozen, 1)), FIRST),
                new Command(reserve(applied, line(product, 1)), FIRST)));

        assertThat(verdicts.get(0)).isInstanceOf(Verdict.Retry.class);
        assertThat(outcome(verdicts.get(1)).isReserved()).isTrue();
        assertThat(reservations.find(conflicted)).isEmpty();
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 4, 1, 0, 1));
    }

    private static ReservationOutcome outcome(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Decided.class);
        return ((Verdict.Decided) verdict).outcome();
    }

    /** A service like the application's, but with its own number of immediate retries. */
    private ReservationService serviceWithImmediateRetries(int immediateRetries) {
        ReservationProperties.Retry retry = properties.retry();
        var withImmediateRetries = new ReservationProperties(properties.strategy(), new ReservationProperties.Retry(
                immediateRetries, retry.attempts(), retry.delay(), retry.multiplier(), retry.maxDelay(),
                retry.jitter()), properties.lock());
        return new ReservationService(strategies, withImmediateRetries, reserver, settler, stock, reservations,
                metrics, clock);
    }

    private static Verdict verdictOf(ReservationService service, SpecificRecord command, Attempt attempt) {
        return service.apply(List.of(new Command(command, attempt))).get(0);
    }

    /** The outcome of a ReserveInventory applied alone. */
    private static ReservationOutcome reserveWith(ReservationService service, ReserveInventory command,
            Attempt attempt) {
        Verdict verdict = verdictOf(service, command, attempt);
        assertThat(verdict).isInstanceOf(Verdict.Decided.class);
        return ((Verdict.Decided) verdict).outcome();
    }

    /** The reservation as a ReleaseInventory or CommitInventory applied alone left it. */
    private static Reservation settleWith(ReservationService service, SpecificRecord command, Attempt attempt) {
        Verdict verdict = verdictOf(service, command, attempt);
        assertThat(verdict).isInstanceOf(Verdict.Settled.class);
        return ((Verdict.Settled) verdict).reservation();
    }

    private void assertRejectedAsInvalid(ReserveInventory command, String expectedDetail) {
        ReservationOutcome outcome = reserveWith(service, command, FIRST);

        assertThat(outcome.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(outcome.reason()).isEqualTo(INVALID_ORDER);
        assertThat(outcome.detail()).contains(expectedDetail);
        assertThat(reservations.find(command.getOrderId())).contains(outcome.toReservation());
    }
}
