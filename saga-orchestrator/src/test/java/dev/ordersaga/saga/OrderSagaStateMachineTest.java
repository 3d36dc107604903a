package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaPayment;
import dev.ordersaga.messages.SagaStep;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.saga.Transition.Ignored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderSagaStateMachineTest {

    static final String ORDER_ID = "order-1";
    static final String PAYMENT_ID = "pay-1";
    static final Duration PAYMENT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration RETRY = Duration.ofSeconds(30);
    static final Instant PLACED_AT = Instant.parse("2025-01-10T09:00:00Z");
    static final Instant RESERVED_AT = Instant.parse("2025-01-10T09:00:02Z");
    static final Instant DUE = RESERVED_AT.plus(PAYMENT_TIMEOUT);
    static final Instant NOW = Instant.parse("2025-01-10T09:05:00Z");
    static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

    private final OrderSagaStateMachine stateMachine = new OrderSagaStateMachine(PAYMENT_TIMEOUT, RETRY);

    /**
     * Every saga state against every event, including the timer (before and at the payment deadline). Events
     * happen before the deadline, except PaymentSubmittedAtDue: a payment submitted right at it. "sends" lists the
     * messages in order: status = OrderStatusChanged, reserve / release / commit = the inventory commands,
     * authorize / void = the payment commands. "-" under becomes: the saga stays as it is.
     * PaymentAuthorized / PaymentDeclined carry the saga's own payment id, Other... another one.
     * OrderPlaced comes from any client, OrderServices... from order-service, which stored the order already.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2} sends [{3}] ignored as {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # saga                 | event                      | becomes (status/step)              | sends          | ignored as
            NONE                   | OrderPlaced                | PENDING/RESERVING                  | status reserve | -
            NONE                   | InvalidOrderPlaced         | FAILED/DONE                        | status         | -
            NONE                   | OrderServicesOrderPlaced   | PENDING/RESERVING                  | reserve        | -
            NONE                   | OrderServicesInvalidOrder  | FAILED/DONE                        | status         | -
            NONE                   | InventoryReserved          | -                                  | -              | UNKNOWN_ORDER
            NONE                   | InventoryReservationFailed | -                                  | -              | UNKNOWN_ORDER
            NONE                   | PaymentSubmitted           | -                                  | -              | UNKNOWN_ORDER
            NONE                   | PaymentSubmittedAtDue      | -                                  | -              | UNKNOWN_ORDER
            NONE                   | CancellationRequested      | -                                  | -              | UNKNOWN_ORDER
            NONE                   | PaymentAuthorized          | -                                  | void           | -
            NONE                   | OtherPaymentAuthorized     | -                                  | void           | -
            NONE                   | PaymentDeclined            | -                                  | -              | UNKNOWN_ORDER
            NONE                   | OtherPaymentDeclined       | -                                  | -              | UNKNOWN_ORDER
            NONE                   | InventoryCommitted         | -                                  | -              | UNKNOWN_ORDER
            NONE                   | InventoryReleased          | -                                  | -              | UNKNOWN_ORDER
            NONE                   | PaymentVoided              | -                                  | -              | UNKNOWN_ORDER
            NONE                   | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            RESERVING              | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            RESERVING              | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            RESERVING              | OrderServicesOrderPlaced   | -                                  | -              | DUPLICATE_ORDER
            RESERVING              | InventoryReserved          | AWAITING_PAYMENT/AWAITING_PAYMENT  | status         | -
            RESERVING              | InventoryReservationFailed | FAILED/DONE                        | status         | -
            RESERVING              | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            RESERVING              | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            RESERVING              | CancellationRequested      | PENDING/RELEASING                  | release        | -
            RESERVING              | PaymentAuthorized          | -                                  | void           | -
            RESERVING              | OtherPaymentAuthorized     | -                                  | void           | -
            RESERVING              | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            RESERVING              | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            RESERVING              | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            RESERVING              | InventoryReleased          | -                                  | -              | NOT_AWAITED
            RESERVING              | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            RESERVING              | TimerBeforeDue             | PENDING/RESERVING                  | reserve        | -
            RESERVING              | TimerAtDue                 | PENDING/RESERVING                  | reserve        | -
            RESERVING              | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            AWAITING_PAYMENT       | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            AWAITING_PAYMENT       | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            AWAITING_PAYMENT       | InventoryReserved          | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | PaymentSubmitted           | AWAITING_PAYMENT/AUTHORIZING       | authorize      | -
            AWAITING_PAYMENT       | PaymentSubmittedAtDue      | AWAITING_PAYMENT/RELEASING         | release        | -
            AWAITING_PAYMENT       | CancellationRequested      | AWAITING_PAYMENT/RELEASING         | release        | -
            AWAITING_PAYMENT       | PaymentAuthorized          | -                                  | void           | -
            AWAITING_PAYMENT       | OtherPaymentAuthorized     | -                                  | void           | -
            AWAITING_PAYMENT       | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | InventoryReleased          | -                                  | -              | NOT_AWAITED
            AWAITING_PAYMENT       | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            AWAITING_PAYMENT       | TimerBeforeDue             | AWAITING_PAYMENT/AWAITING_PAYMENT  | -              | -
            AWAITING_PAYMENT       | TimerAtDue                 | AWAITING_PAYMENT/RELEASING         | release        | -
            AWAITING_PAYMENT       | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            AUTHORIZING            | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            AUTHORIZING            | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            AUTHORIZING            | InventoryReserved          | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | CancellationRequested      | AWAITING_PAYMENT/RELEASING         | release        | -
            AUTHORIZING            | PaymentAuthorized          | AWAITING_PAYMENT/COMMITTING        | commit         | -
            AUTHORIZING            | OtherPaymentAuthorized     | -                                  | void           | -
            AUTHORIZING            | PaymentDeclined            | AWAITING_PAYMENT/RELEASING         | release        | -
            AUTHORIZING            | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | InventoryReleased          | -                                  | -              | NOT_AWAITED
            AUTHORIZING            | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            AUTHORIZING            | TimerBeforeDue             | AWAITING_PAYMENT/AUTHORIZING       | authorize      | -
            AUTHORIZING            | TimerAtDue                 | AWAITING_PAYMENT/AUTHORIZING       | authorize      | -
            AUTHORIZING            | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            COMMITTING             | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            COMMITTING             | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            COMMITTING             | InventoryReserved          | -                                  | -              | NOT_AWAITED
            COMMITTING             | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            COMMITTING             | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            COMMITTING             | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            COMMITTING             | CancellationRequested      | -                                  | -              | TOO_LATE_TO_CANCEL
            COMMITTING             | PaymentAuthorized          | -                                  | -              | NOT_AWAITED
            COMMITTING             | OtherPaymentAuthorized     | -                                  | void           | -
            COMMITTING             | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            COMMITTING             | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            COMMITTING             | InventoryCommitted         | PAID/DONE                          | status         | -
            COMMITTING             | InventoryReleased          | -                                  | -              | NOT_AWAITED
            COMMITTING             | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            COMMITTING             | TimerBeforeDue             | AWAITING_PAYMENT/COMMITTING        | commit         | -
            COMMITTING             | TimerAtDue                 | AWAITING_PAYMENT/COMMITTING        | commit         | -
            COMMITTING             | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            RELEASING_EARLY_CANCEL | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            RELEASING_EARLY_CANCEL | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            RELEASING_EARLY_CANCEL | InventoryReserved          | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | CancellationRequested      | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | PaymentAuthorized          | -                                  | void           | -
            RELEASING_EARLY_CANCEL | OtherPaymentAuthorized     | -                                  | void           | -
            RELEASING_EARLY_CANCEL | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            RELEASING_EARLY_CANCEL | InventoryReleased          | CANCELLED/DONE                     | status         | -
            RELEASING_EARLY_CANCEL | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            RELEASING_EARLY_CANCEL | TimerBeforeDue             | PENDING/RELEASING                  | release        | -
            RELEASING_EARLY_CANCEL | TimerAtDue                 | PENDING/RELEASING                  | release        | -
            RELEASING_EARLY_CANCEL | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            RELEASING_CANCEL       | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            RELEASING_CANCEL       | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            RELEASING_CANCEL       | InventoryReserved          | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | CancellationRequested      | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | PaymentAuthorized          | -                                  | void           | -
            RELEASING_CANCEL       | OtherPaymentAuthorized     | -                                  | void           | -
            RELEASING_CANCEL       | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            RELEASING_CANCEL       | InventoryReleased          | CANCELLED/DONE                     | status         | -
            RELEASING_CANCEL       | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            RELEASING_CANCEL       | TimerBeforeDue             | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_CANCEL       | TimerAtDue                 | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_CANCEL       | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            RELEASING_EXPIRY       | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            RELEASING_EXPIRY       | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            RELEASING_EXPIRY       | InventoryReserved          | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | CancellationRequested      | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | PaymentAuthorized          | -                                  | void           | -
            RELEASING_EXPIRY       | OtherPaymentAuthorized     | -                                  | void           | -
            RELEASING_EXPIRY       | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            RELEASING_EXPIRY       | InventoryReleased          | EXPIRED/DONE                       | status         | -
            RELEASING_EXPIRY       | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            RELEASING_EXPIRY       | TimerBeforeDue             | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_EXPIRY       | TimerAtDue                 | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_EXPIRY       | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            RELEASING_DECLINE      | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            RELEASING_DECLINE      | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            RELEASING_DECLINE      | InventoryReserved          | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | CancellationRequested      | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | PaymentAuthorized          | -                                  | void           | -
            RELEASING_DECLINE      | OtherPaymentAuthorized     | -                                  | void           | -
            RELEASING_DECLINE      | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            RELEASING_DECLINE      | InventoryReleased          | FAILED/DONE                        | status         | -
            RELEASING_DECLINE      | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            RELEASING_DECLINE      | TimerBeforeDue             | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_DECLINE      | TimerAtDue                 | AWAITING_PAYMENT/RELEASING         | release        | -
            RELEASING_DECLINE      | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            PAID                   | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            PAID                   | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            PAID                   | InventoryReserved          | -                                  | -              | NOT_AWAITED
            PAID                   | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            PAID                   | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            PAID                   | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            PAID                   | CancellationRequested      | -                                  | -              | NOT_AWAITED
            PAID                   | PaymentAuthorized          | -                                  | -              | NOT_AWAITED
            PAID                   | OtherPaymentAuthorized     | -                                  | void           | -
            PAID                   | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            PAID                   | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            PAID                   | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            PAID                   | InventoryReleased          | -                                  | -              | NOT_AWAITED
            PAID                   | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            PAID                   | TimerBeforeDue             | -                                  | -              | NOT_AWAITED
            PAID                   | TimerAtDue                 | -                                  | -              | NOT_AWAITED
            PAID                   | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            CANCELLED              | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            CANCELLED              | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            CANCELLED              | InventoryReserved          | -                                  | -              | NOT_AWAITED
            CANCELLED              | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            CANCELLED              | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            CANCELLED              | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            CANCELLED              | CancellationRequested      | -                                  | -              | NOT_AWAITED
            CANCELLED              | PaymentAuthorized          | -                                  | void           | -
            CANCELLED              | OtherPaymentAuthorized     | -                                  | void           | -
            CANCELLED              | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            CANCELLED              | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            CANCELLED              | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            CANCELLED              | InventoryReleased          | -                                  | -              | NOT_AWAITED
            CANCELLED              | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            CANCELLED              | TimerBeforeDue             | -                                  | -              | NOT_AWAITED
            CANCELLED              | TimerAtDue                 | -                                  | -              | NOT_AWAITED
            CANCELLED              | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            EXPIRED                | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            EXPIRED                | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            EXPIRED                | InventoryReserved          | -                                  | -              | NOT_AWAITED
            EXPIRED                | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            EXPIRED                | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            EXPIRED                | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            EXPIRED                | CancellationRequested      | -                                  | -              | NOT_AWAITED
            EXPIRED                | PaymentAuthorized          | -                                  | void           | -
            EXPIRED                | OtherPaymentAuthorized     | -                                  | void           | -
            EXPIRED                | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            EXPIRED                | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            EXPIRED                | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            EXPIRED                | InventoryReleased          | -                                  | -              | NOT_AWAITED
            EXPIRED                | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            EXPIRED                | TimerBeforeDue             | -                                  | -              | NOT_AWAITED
            EXPIRED                | TimerAtDue                 | -                                  | -              | NOT_AWAITED
            EXPIRED                | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            FAILED                 | OrderPlaced                | -                                  | -              | DUPLICATE_ORDER
            FAILED                 | InvalidOrderPlaced         | -                                  | -              | DUPLICATE_ORDER
            FAILED                 | InventoryReserved          | -                                  | -              | NOT_AWAITED
            FAILED                 | InventoryReservationFailed | -                                  | -              | NOT_AWAITED
            FAILED                 | PaymentSubmitted           | -                                  | -              | NOT_AWAITED
            FAILED                 | PaymentSubmittedAtDue      | -                                  | -              | NOT_AWAITED
            FAILED                 | CancellationRequested      | -                                  | -              | NOT_AWAITED
            FAILED                 | PaymentAuthorized          | -                                  | void           | -
            FAILED                 | OtherPaymentAuthorized     | -                                  | void           | -
            FAILED                 | PaymentDeclined            | -                                  | -              | NOT_AWAITED
            FAILED                 | OtherPaymentDeclined       | -                                  | -              | NOT_AWAITED
            FAILED                 | InventoryCommitted         | -                                  | -              | NOT_AWAITED
            FAILED                 | InventoryReleased          | -                                  | -              | NOT_AWAITED
            FAILED                 | PaymentVoided              | -                                  | -              | ACKNOWLEDGED
            FAILED                 | TimerBeforeDue             | -                                  | -              | NOT_AWAITED
            FAILED                 | TimerAtDue                 | -                                  | -              | NOT_AWAITED
            FAILED                 | ReserveInventory           | -                                  | -              | UNEXPECTED_MESSAGE
            """)
    void shouldFollowTheTransitionTable(String saga, String event, String becomes, String sends, Ignored ignoredAs) {
        Transition transition = handle(Sagas.named(saga), event);

        assertThat(transition.newState().map(next -> next.getStatus() + "/" + next.getStep()))
                .isEqualTo(Optional.ofNullable(becomes));
        assertThat(transition.messages()).map(message -> Events.shortName(message))
                .containsExactlyElementsOf(sends == null ? List.of() : Arrays.asList(sends.split(" ")));
        assertThat(transition.ignored()).isEqualTo(Optional.ofNullable(ignoredAs));
    }

    @Test
    void shouldStartASagaThatReservesEveryLineAndRetriesIfInventoryDoesNotAnswer() {
        Transition transition = stateMachine.on(Optional.empty(), Events.orderPlaced(LINES), NOW);

        OrderSagaState pending = transition.newState().orElseThrow();
        assertThat(pending.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.getWakeUpAt()).isEqualTo(NOW.plus(RETRY));
        assertThat(transition.messages()).containsExactly(
                statusChanged(pending, OrderStatus.PENDING, null, NOW), new ReserveInventory(ORDER_ID, LINES));
    }

    @Test
    void shouldReserveWithoutAnnouncingPendingWhenOrderServiceCreatedTheOrder() {
        Transition transition = stateMachine.on(Optional.empty(), Events.orderServicesOrderPlaced(LINES), NOW);

        OrderSagaState pending = transition.newState().orElseThrow();
        assertThat(pending.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(pending.getStep()).isEqualTo(SagaStep.RESERVING);
        assertThat(pending.getWakeUpAt()).isEqualTo(NOW.plus(RETRY));
        assertThat(transition.messages()).containsExactly(new ReserveInventory(ORDER_ID, LINES));
    }

    @Test
    void shouldAnnouncePendingWithTheWholeOrderWhenAnotherClientProducedTheOrder() {
        OrderPlaced placed = Events.orderPlaced(LINES);

        Transition transition = stateMachine.on(Optional.empty(), placed, NOW);

        assertThat(placed.getCreatedByOrderService()).as("what a client that does not set it sends").isFalse();
        assertThat(transition.messages()).first().isInstanceOfSatisfying(OrderStatusChanged.class, changed -> {
            assertThat(changed.getStatus()).isEqualTo(OrderStatus.PENDING);
            assertThat(changed.getCustomerId()).isEqualTo(placed.getCustomerId());
            assertThat(changed.getLines()).isEqualTo(LINES);
            assertThat(changed.getPlacedAt()).isEqualTo(PLACED_AT);
        });
    }

    @Test
    void shouldStillAnnounceTheFailureOfAnInvalidOrderThatOrderServiceCreated() {
        Transition transition = stateMachine.on(Optional.empty(), Events.orderServicesOrderPlaced(List.of()), NOW);

        assertThat(transition.messages()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                changed -> assertThat(changed.getStatus()).isEqualTo(OrderStatus.FAILED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void shouldFailOrderWithoutReservingWhenOrderIsInvalid(String problem, List<OrderLine> lines) {
        Transition transition = stateMachine.on(Optional.empty(), Events.orderPlaced(lines), NOW);

        assertThat(transition.newState().map(OrderSagaState::getReason)).contains("INVALID_ORDER");
        assertThat(transition.newState().map(OrderSagaState::getWakeUpAt)).isEmpty();
        assertThat(transition.messages()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                changed -> {
                    assertThat(changed.getStatus()).isEqualTo(OrderStatus.FAILED);
                    assertThat(changed.getReason()).isEqualTo("INVALID_ORDER");
                    assertThat(changed.getLines()).isEqualTo(lines);
                });
        assertThat(transition.detail()).hasValueSatisfying(detail -> assertThat(detail).contains(problem));
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                Arguments.of("no lines", List.of()),
                Arguments.of("quantity 0", List.of(new OrderLine("apple", 0))),
                Arguments.of("quantity -3", List.of(new OrderLine("apple", 2), new OrderLine("pear", -3))),
                Arguments.of("blank product id", List.of(new OrderLine(" ", 1))),
                Arguments.of("more than one line", List.of(new OrderLine("apple", 1), new OrderLine("apple", 2))));
    }

    @Test
    void shouldGiveTheCustomerThePaymentTimeoutFromTheReservation() {
        Transition transition = stateMachine.on(Sagas.named("RESERVING"), new InventoryReserved(ORDER_ID, NOW), NOW);

        OrderSagaState awaiting = transition.newState().orElseThrow();
        assertThat(awaiting.getPaymentDueAt()).isEqualTo(NOW.plus(PAYMENT_TIMEOUT));
        assertThat(awaiting.getWakeUpAt()).isEqualTo(NOW.plus(PAYMENT_TIMEOUT));
        assertThat(transition.messages()).containsExactly(
                statusChanged(awaiting, OrderStatus.AWAITING_PAYMENT, null, NOW));
    }

    @ParameterizedTest
    @EnumSource(ReservationFailureReason.class)
    void shouldFailOrderWithTheInventoryReasonWhenReservationFails(ReservationFailureReason reason) {
        Transition transition = stateMachine.on(Sagas.named("RESERVING"),
                new InventoryReservationFailed(ORDER_ID, reason, "pear: 1 wanted, 0 left", NOW), NOW);

        assertThat(transition.messages()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                changed -> assertThat(changed.getReason()).isEqualTo(reason.name()));
        assertThat(transition.detail()).contains("pear: 1 wanted, 0 left");
    }

    @ParameterizedTest(name = "submitted {0} before the deadline")
    @CsvSource({"PT10M", "PT0.001S"})
    void shouldAuthorizeAPaymentSubmittedBeforeTheDeadlineAndAskAgainAfterTheRetryInterval(Duration beforeDue) {
        Instant submittedAt = DUE.minus(beforeDue);

        Transition transition = stateMachine.on(Sagas.named("AWAITING_PAYMENT"), Events.named("PaymentSubmitted"),
                submittedAt);

        assertThat(transition.messages()).containsExactly(
                new AuthorizePayment(ORDER_ID, PAYMENT_ID, PaymentMethod.CARD, "4242"));
        assertThat(transition.newState().map(OrderSagaStateMachine::stepOf)).contains(SagaStep.AUTHORIZING);
        // Even past the deadline: once the payment came in time, the deadline no longer applies.
        assertThat(transition.newState().map(OrderSagaState::getWakeUpAt)).contains(submittedAt.plus(RETRY));
    }

    @ParameterizedTest(name = "submitted {0} after the deadline")
    @CsvSource({"PT0S", "PT0.001S", "PT1H"})
    void shouldExpireTheOrderInsteadOfAuthorisingAPaymentSubmittedAtOrAfterTheDeadline(Duration afterDue) {
        Instant submittedAt = DUE.plus(afterDue);

        Transition transition = stateMachine.on(Sagas.named("AWAITING_PAYMENT"), Events.named("PaymentSubmitted"),
                submittedAt);

        assertThat(transition.messages()).containsExactly(new ReleaseInventory(ORDER_ID, "EXPIRED"));
        OrderSagaState releasing = transition.newState().orElseThrow();
        assertThat(releasing.getOutcomeReason()).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(releasing.getPayment()).isNull();
        assertThat(transition.detail()).hasValueSatisfying(detail -> assertThat(detail).contains(PAYMENT_ID));
    }

    @Test
    void shouldKeepAskingForTheAuthorisationOfAPaymentMadeInTimeHoweverLongAfterTheDeadline() {
        Instant longAfterDue = DUE.plus(Duration.ofHours(2));

        Transition transition = stateMachine.onWakeUp(Sagas.named("AUTHORIZING").orElseThrow(), longAfterDue);

        assertThat(transition.messages()).containsExactly(
                new AuthorizePayment(ORDER_ID, PAYMENT_ID, PaymentMethod.CARD, "4242"));
        OrderSagaState stillAuthorizing = transition.newState().orElseThrow();
        assertThat(stillAuthorizing.getStep()).isEqualTo(SagaStep.AUTHORIZING);
        assertThat(stillAuthorizing.getWakeUpAt()).isEqualTo(longAfterDue.plus(RETRY));
    }

    /** The reason and the command each way of ending an order carries. */
    @ParameterizedTest(name = "{0} + {1}: release for {2}, then {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            RESERVING        | CancellationRequested | CANCELLED | CUSTOMER_CANCELLED
            AWAITING_PAYMENT | CancellationRequested | CANCELLED | CUSTOMER_CANCELLED
            AUTHORIZING      | CancellationRequested | CANCELLED | CUSTOMER_CANCELLED
            AWAITING_PAYMENT | TimerAtDue            | EXPIRED   | PAYMENT_TIMEOUT
            AWAITING_PAYMENT | PaymentSubmittedAtDue | EXPIRED   | PAYMENT_TIMEOUT
            AUTHORIZING      | PaymentDeclined       | FAILED    | PAYMENT_DECLINED
            """)
    void shouldReleaseTheStockFirstAndEndTheOrderOnlyOnceInventoryConfirms(String saga, String event,
            OrderStatus outcome, String reason) {
        Transition compensating = handle(Sagas.named(saga), event);

        assertThat(compensating.messages()).containsExactly(new ReleaseInventory(ORDER_ID, outcome.name()));
        OrderSagaState releasing = compensating.newState().orElseThrow();
        assertThat(releasing.getStatus()).isEqualTo(Sagas.named(saga).orElseThrow().getStatus());

        Transition released = stateMachine.on(Optional.of(releasing), new InventoryReleased(ORDER_ID, NOW), NOW);

        assertThat(released.messages()).containsExactly(statusChanged(releasing, outcome, reason, NOW));
        assertThat(released.newState().map(OrderSagaState::getWakeUpAt)).isEmpty();
    }

    @Test
    void shouldBePaidWithAReasonOnceTheStockIsCommitted() {
        OrderSagaState committing = stateMachine.on(Sagas.named("AUTHORIZING"), Events.named("PaymentAuthorized"), NOW)
                .newState().orElseThrow();

        Transition paid = stateMachine.on(Optional.of(committing), new InventoryCommitted(ORDER_ID, NOW), NOW);

        assertThat(paid.messages()).containsExactly(
                statusChanged(committing, OrderStatus.PAID, "PAYMENT_AUTHORIZED", NOW));
    }

    @Test
    void shouldVoidAnAuthorisationThatArrivesAfterTheOrderExpiredNamingWhyAndChangeNothingElse() {
        Transition transition = stateMachine.on(Sagas.named("EXPIRED"), Events.named("PaymentAuthorized"), NOW);

        assertThat(transition.newState()).isEmpty();
        assertThat(transition.messages()).containsExactly(new VoidPayment(ORDER_ID, PAYMENT_ID, "EXPIRED"));
    }

    @Test
    void shouldReadAStateWrittenBeforeStepsExistedByItsStatus() {
        OrderSagaState version1 = OrderSagaState.newBuilder(Sagas.named("AWAITING_PAYMENT").orElseThrow())
                .setStep(null).setPaymentDueAt(null).setWakeUpAt(null).setUpdatedAt(RESERVED_AT).build();

        assertThat(OrderSagaStateMachine.stepOf(version1)).isEqualTo(SagaStep.AWAITING_PAYMENT);
        assertThat(stateMachine.onWakeUp(version1, NOW).messages()).isEmpty();
        assertThat(stateMachine.onWakeUp(version1, DUE).messages())
                .containsExactly(new ReleaseInventory(ORDER_ID, "EXPIRED"));
    }

    /** Whole conversations, with their races, message by message. */
    @Nested
    class Races {

        @Test
        void shouldHonourACancellationWhileTheReservationIsInFlight() {
            List<SpecificRecord> sent = run(Events.orderPlaced(LINES), new CancellationRequested(ORDER_ID, NOW),
                    new InventoryReserved(ORDER_ID, NOW), new InventoryReleased(ORDER_ID, NOW));

            assertThat(sent).map(Events::shortName).containsExactly("status", "reserve", "release", "status");
            assertThat(last(sent).getStatus()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void shouldEndCancelledWhenTheReleaseOvertookTheReservation() {
            List<SpecificRecord> sent = run(Events.orderPlaced(LINES), new CancellationRequested(ORDER_ID, NOW),
                    new InventoryReleased(ORDER_ID, NOW), new InventoryReservationFailed(ORDER_ID,
                            ReservationFailureReason.INVALID_ORDER, "released before reserved", NOW));

            assertThat(sent).map(Events::shortName).containsExactly("status", "reserve", "release", "status");
            assertThat(last(sent).getStatus()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void shouldIgnoreAPaymentSubmittedAfterTheOrderExpired() {
            List<SpecificRecord> sent = new ArrayList<>();
            OrderSagaState saga = runInto(sent, Events.orderPlaced(LINES), new InventoryReserved(ORDER_ID, NOW));
            Transition expiry = stateMachine.onWakeUp(saga, saga.getPaymentDueAt());
            sent.addAll(expiry.messages());
            saga = runInto(sent, expiry.newState().orElseThrow(), Events.named("PaymentSubmitted"),
                    new InventoryReleased(ORDER_ID, NOW), Events.named("PaymentSubmitted"));

            assertThat(sent).map(Events::shortName)
                    .containsExactly("status", "reserve", "status", "release", "status");
            assertThat(saga.getStatus()).isEqualTo(OrderStatus.EXPIRED);
        }

        @Test
        void shouldVoidAnAuthorisationThatLostTheRaceAgainstACancellation() {
            List<SpecificRecord> sent = run(Events.orderPlaced(LINES), new InventoryReserved(ORDER_ID, NOW),
                    Events.named("PaymentSubmitted"), new CancellationRequested(ORDER_ID, NOW),
                    Events.named("PaymentAuthorized"), new InventoryReleased(ORDER_ID, NOW),
                    Events.named("PaymentAuthorized"));

            assertThat(sent).map(Events::shortName).containsExactly(
                    "status", "reserve", "status", "authorize", "release", "void", "status", "void");
        }

        @Test
        void shouldCompleteThePaymentWhenTheCancellationComesAfterTheAuthorisation() {
            List<SpecificRecord> sent = run(Events.orderPlaced(LINES), new InventoryReserved(ORDER_ID, NOW),
                    Events.named("PaymentSubmitted"), Events.named("PaymentAuthorized"),
                    new CancellationRequested(ORDER_ID, NOW), new InventoryCommitted(ORDER_ID, NOW));

            assertThat(sent).map(Events::shortName)
                    .containsExactly("status", "reserve", "status", "authorize", "commit", "status");
            assertThat(last(sent).getStatus()).isEqualTo(OrderStatus.PAID);
        }

        @Test
        void shouldCompleteAPaymentSubmittedJustBeforeTheDeadlineThatIsAuthorisedLongAfterIt() {
            OrderSagaState saga = stateMachine.on(Sagas.named("AWAITING_PAYMENT"), Events.named("PaymentSubmitted"),
                    DUE.minusMillis(1)).newState().orElseThrow();
            Transition askedAgain = stateMachine.onWakeUp(saga, DUE.plus(RETRY));
            saga = askedAgain.newState().orElseThrow();
            Transition authorised = stateMachine.on(Optional.of(saga), Events.named("PaymentAuthorized"),
                    DUE.plus(RETRY).plusSeconds(1));
            Transition paid = stateMachine.on(authorised.newState(), new InventoryCommitted(ORDER_ID, NOW),
                    DUE.plus(RETRY).plusSeconds(2));

            assertThat(askedAgain.messages()).map(Events::shortName).containsExactly("authorize");
            assertThat(authorised.messages()).map(Events::shortName).containsExactly("commit");
            assertThat(last(paid.messages()).getStatus()).isEqualTo(OrderStatus.PAID);
        }

        @Test
        void shouldChangeNothingWhenEveryEventArrivesTwice() {
            List<SpecificRecord> once = run(Events.orderPlaced(LINES), new InventoryReserved(ORDER_ID, NOW),
                    Events.named("PaymentSubmitted"), Events.named("PaymentAuthorized"),
                    new InventoryCommitted(ORDER_ID, NOW));
            List<SpecificRecord> twice = run(Events.orderPlaced(LINES), Events.orderPlaced(LINES),
                    new InventoryReserved(ORDER_ID, NOW), new InventoryReserved(ORDER_ID, NOW),
                    Events.named("PaymentSubmitted"), Events.named("PaymentSubmitted"),
                    Events.named("PaymentAuthorized"), Events.named("PaymentAuthorized"),
                    new InventoryCommitted(ORDER_ID, NOW), new InventoryCommitted(ORDER_ID, NOW));

            assertThat(twice).isEqualTo(once);
        }

        private List<SpecificRecord> run(SpecificRecord... events) {
            List<SpecificRecord> sent = new ArrayList<>();
            runInto(sent, null, events);
            return sent;
        }

        private OrderSagaState runInto(List<SpecificRecord> sent, SpecificRecord... events) {
            return runInto(sent, null, events);
        }

        private OrderSagaState runInto(List<SpecificRecord> sent, OrderSagaState start, SpecificRecord... events) {
            Optional<OrderSagaState> saga = Optional.ofNullable(start);
            for (SpecificRecord event : events) {
                Transition transition = stateMachine.on(saga, event, NOW);
                sent.addAll(transition.messages());
                if (transition.newState().isPresent()) {
                    saga = transition.newState();
                }
            }
            return saga.orElseThrow();
        }

        private static OrderStatusChanged last(List<SpecificRecord> sent) {
            return (OrderStatusChanged) sent.get(sent.size() - 1);
        }
    }

    /** An event of the tables by name: at the payment deadline if it ends in AtDue, before it otherwise. */
    private Transition handle(Optional<OrderSagaState> saga, String event) {
        Instant at = event.endsWith("AtDue") ? DUE : NOW;
        return event.startsWith("Timer")
                ? stateMachine.onWakeUp(saga.orElseThrow(), at)
                : stateMachine.on(saga, Events.named(event), at);
    }

    private static OrderStatusChanged statusChanged(OrderSagaState saga, OrderStatus status, String reason,
            Instant at) {
        return new OrderStatusChanged(ORDER_ID, saga.getCustomerId(), LINES, status, reason, PLACED_AT, at);
    }

    /** The sagas of the transition table, by name: one per step, and per outcome while releasing. */
    static final class Sagas {

        private static final SagaPayment PAYMENT = new SagaPayment(PAYMENT_ID, PaymentMethod.CARD, "4242");

        static Optional<OrderSagaState> named(String name) {
            OrderSagaState.Builder saga = OrderSagaState.newBuilder()
                    .setOrderId(ORDER_ID).setCustomerId("customer-7").setLines(LINES)
                    .setPlacedAt(PLACED_AT).setUpdatedAt(RESERVED_AT);
            return Optional.ofNullable(switch (name) {
                case "NONE" -> null;
                case "RESERVING" -> saga.setStatus(OrderStatus.PENDING).setStep(SagaStep.RESERVING)
                        .setWakeUpAt(PLACED_AT.plus(RETRY)).build();
                case "AWAITING_PAYMENT" -> awaitingPayment(saga, SagaStep.AWAITING_PAYMENT).setWakeUpAt(DUE).build();
                case "AUTHORIZING" -> awaitingPayment(saga, SagaStep.AUTHORIZING).setPayment(PAYMENT).build();
                case "COMMITTING" -> awaitingPayment(saga, SagaStep.COMMITTING).setPayment(PAYMENT).build();
                case "RELEASING_EARLY_CANCEL" -> saga.setStatus(OrderStatus.PENDING).setStep(SagaStep.RELEASING)
                        .setOutcome(OrderStatus.CANCELLED).setOutcomeReason("CUSTOMER_CANCELLED")
                        .setWakeUpAt(NOW).build();
                case "RELEASING_CANCEL" -> releasing(saga, OrderStatus.CANCELLED, "CUSTOMER_CANCELLED")
                        .setPayment(PAYMENT).build();
                case "RELEASING_EXPIRY" -> releasing(saga, OrderStatus.EXPIRED, "PAYMENT_TIMEOUT").build();
                case "RELEASING_DECLINE" -> releasing(saga, OrderStatus.FAILED, "PAYMENT_DECLINED")
                        .setPayment(PAYMENT).build();
                case "PAID" -> done(saga, OrderStatus.PAID, "PAYMENT_AUTHORIZED").setPayment(PAYMENT).build();
                case "CANCELLED" -> done(saga, OrderStatus.CANCELLED, "CUSTOMER_CANCELLED").setPayment(PAYMENT).build();
                case "EXPIRED" -> done(saga, OrderStatus.EXPIRED, "PAYMENT_TIMEOUT").build();
                case "FAILED" -> done(saga, OrderStatus.FAILED, "OUT_OF_STOCK").build();
                default -> throw new IllegalArgumentException(name);
            });
        }

        private static OrderSagaState.Builder awaitingPayment(OrderSagaState.Builder saga, SagaStep step) {
            return saga.setStatus(OrderStatus.AWAITING_PAYMENT).setStep(step).setPaymentDueAt(DUE)
                    .setWakeUpAt(NOW);
        }

        private static OrderSagaState.Builder releasing(OrderSagaState.Builder saga, OrderStatus outcome,
                String reason) {
            return awaitingPayment(saga, SagaStep.RELEASING).setOutcome(outcome).setOutcomeReason(reason);
        }

        private static OrderSagaState.Builder done(OrderSagaState.Builder saga, OrderStatus status, String reason) {
            return saga.setStatus(status).setReason(reason).setStep(SagaStep.DONE);
        }
    }

    /** The events of the transition table, by name, and the short names of the messages the saga sends. */
    static final class Events {

        private static final Map<Class<?>, String> SHORT_NAMES = Map.of(
                OrderStatusChanged.class, "status",
                ReserveInventory.class, "reserve",
                ReleaseInventory.class, "release",
                CommitInventory.class, "commit",
                AuthorizePayment.class, "authorize",
                VoidPayment.class, "void");

        static SpecificRecord named(String name) {
            return switch (name) {
                case "OrderPlaced" -> orderPlaced(LINES);
                case "InvalidOrderPlaced" -> orderPlaced(List.of());
                case "OrderServicesOrderPlaced" -> orderServicesOrderPlaced(LINES);
                case "OrderServicesInvalidOrder" -> orderServicesOrderPlaced(List.of());
                case "InventoryReserved" -> new InventoryReserved(ORDER_ID, NOW);
                case "InventoryReservationFailed" -> new InventoryReservationFailed(ORDER_ID,
                        ReservationFailureReason.OUT_OF_STOCK, null, NOW);
                case "PaymentSubmitted", "PaymentSubmittedAtDue" ->
                        new PaymentSubmitted(ORDER_ID, PAYMENT_ID, PaymentMethod.CARD, "4242", NOW);
                case "CancellationRequested" -> new CancellationRequested(ORDER_ID, NOW);
                case "PaymentAuthorized" -> new PaymentAuthorized(ORDER_ID, PAYMENT_ID, "AUTH-1", NOW);
                case "OtherPaymentAuthorized" -> new PaymentAuthorized(ORDER_ID, "pay-9", "AUTH-9", NOW);
                case "PaymentDeclined" -> new PaymentDeclined(ORDER_ID, PAYMENT_ID, "card_declined", NOW);
                case "OtherPaymentDeclined" -> new PaymentDeclined(ORDER_ID, "pay-9", "card_declined", NOW);
                case "InventoryCommitted" -> new InventoryCommitted(ORDER_ID, NOW);
                case "InventoryReleased" -> new InventoryReleased(ORDER_ID, NOW);
                case "PaymentVoided" -> new PaymentVoided(ORDER_ID, PAYMENT_ID, NOW);
                case "ReserveInventory" -> new ReserveInventory(ORDER_ID, LINES);
                default -> throw new IllegalArgumentException(name);
            };
        }

        /** As a client producing straight to the orders topic sends it: it leaves createdByOrderService out. */
        static OrderPlaced orderPlaced(List<OrderLine> lines) {
            return OrderPlaced.newBuilder().setOrderId(ORDER_ID).setCustomerId("customer-7").setLines(lines)
                    .setPlacedAt(PLACED_AT).build();
        }

        /** As order-service's outbox publishes it, for an order it stored as PENDING. */
        static OrderPlaced orderServicesOrderPlaced(List<OrderLine> lines) {
            return OrderPlaced.newBuilder(orderPlaced(lines)).setCreatedByOrderService(true).build();
        }

        static String shortName(SpecificRecord message) {
            return SHORT_NAMES.getOrDefault(message.getClass(), message.getClass().getSimpleName());
        }
    }
}
