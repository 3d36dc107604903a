package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.saga.Transition.Ignored;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderSagaStateMachineTest {

    private static final String ORDER_ID = "order-1";
    private static final Instant PLACED_AT = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-10T09:00:05Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

    private final OrderSagaStateMachine stateMachine = new OrderSagaStateMachine();

    /**
     * The table of the class Javadoc, row by row: every saga state against every event. "sends" lists the
     * messages in order: status = OrderStatusChanged, reserve = ReserveInventory.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2} sends [{3}] ignored as {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # saga           | event                      | becomes          | sends          | ignored as
            NONE             | OrderPlaced                | PENDING          | status reserve | -
            NONE             | InvalidOrderPlaced         | FAILED           | status         | -
            NONE             | InventoryReserved          | -                | -              | UNKNOWN_ORDER
            NONE             | InventoryReservationFailed | -                | -              | UNKNOWN_ORDER
            PENDING          | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            PENDING          | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            PENDING          | InventoryReserved          | AWAITING_PAYMENT | status         | -
            PENDING          | InventoryReservationFailed | FAILED           | status         | -
            AWAITING_PAYMENT | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            AWAITING_PAYMENT | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            AWAITING_PAYMENT | InventoryReserved          | -                | -              | NOT_AWAITED
            AWAITING_PAYMENT | InventoryReservationFailed | -                | -              | NOT_AWAITED
            FAILED           | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            FAILED           | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            FAILED           | InventoryReserved          | -                | -              | NOT_AWAITED
            FAILED           | InventoryReservationFailed | -                | -              | NOT_AWAITED
            PAID             | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            PAID             | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            PAID             | InventoryReserved          | -                | -              | NOT_AWAITED
            PAID             | InventoryReservationFailed | -                | -              | NOT_AWAITED
            CANCELLED        | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            CANCELLED        | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            CANCELLED        | InventoryReserved          | -                | -              | NOT_AWAITED
            CANCELLED        | InventoryReservationFailed | -                | -              | NOT_AWAITED
            EXPIRED          | OrderPlaced                | -                | -              | DUPLICATE_ORDER
            EXPIRED          | InvalidOrderPlaced         | -                | -              | DUPLICATE_ORDER
            EXPIRED          | InventoryReserved          | -                | -              | NOT_AWAITED
            EXPIRED          | InventoryReservationFailed | -                | -              | NOT_AWAITED
            """)
    void shouldFollowTheTransitionTable(String saga, String event, OrderStatus becomes, String sends,
            Ignored ignoredAs) {
        Transition transition = stateMachine.on(sagaIn(saga), event(event), NOW);

        assertThat(transition.newState().map(OrderSagaState::getStatus)).isEqualTo(Optional.ofNullable(becomes));
        List<Class<?>> expectedMessages = sends == null ? List.of() : Arrays.stream(sends.split(" "))
                .<Class<?>>map(name -> name.equals("status") ? OrderStatusChanged.class : ReserveInventory.class)
                .toList();
        assertThat(transition.messages()).map(Object::getClass).containsExactlyElementsOf(expectedMessages);
        assertThat(transition.ignored()).isEqualTo(Optional.ofNullable(ignoredAs));
    }

    @Test
    void shouldStartPendingSagaAndReserveEveryLineWhenValidOrderIsPlaced() {
        Transition transition = stateMachine.on(Optional.empty(), orderPlaced(LINES), NOW);

        assertThat(transition.newState()).contains(saga(OrderStatus.PENDING, null, NOW));
        assertThat(transition.messages()).containsExactly(
                statusChanged(OrderStatus.PENDING, null, NOW),
                new ReserveInventory(ORDER_ID, LINES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void shouldFailOrderWithoutReservingWhenOrderIsInvalid(String problem, List<OrderLine> lines) {
        Transition transition = stateMachine.on(Optional.empty(), orderPlaced(lines), NOW);

        assertThat(transition.newState().map(OrderSagaState::getStatus)).contains(OrderStatus.FAILED);
        assertThat(transition.newState().map(OrderSagaState::getReason)).contains("INVALID_ORDER");
        assertThat(transition.messages()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                changed -> {
                    assertThat(changed.getStatus()).isEqualTo(OrderStatus.FAILED);
                    assertThat(changed.getReason()).isEqualTo("INVALID_ORDER");
                    assertThat(changed.getLines()).isEqualTo(lines);
                    assertThat(changed.getCustomerId()).isEqualTo("customer-7");
                });
        assertThat(transition.detail()).hasValueSatisfying(detail -> assertThat(detail).contains(problem));
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                Arguments.of("no lines", List.of()),
                Arguments.of("quantity 0", List.of(new OrderLine("apple", 0))),
                Arguments.of("quantity -3", List.of(new OrderLine("apple", 2), new OrderLine("pear", -3))),
                Arguments.of("blank product id", List.of(new OrderLine(" ", 1))),
                Arguments.of("blank product id", List.of(new OrderLine("", 1))),
                Arguments.of("more than one line", List.of(new OrderLine("apple", 1), new OrderLine("apple", 2))));
    }

    @Test
    void shouldAwaitPaymentAndKeepTheOrderWhenInventoryIsReserved() {
        Transition transition = stateMachine.on(Optional.of(saga(OrderStatus.PENDING, null, PLACED_AT)),
                new InventoryReserved(ORDER_ID, NOW), NOW);

        assertThat(transition.newState()).contains(saga(OrderStatus.AWAITING_PAYMENT, null, NOW));
        assertThat(transition.messages()).containsExactly(statusChanged(OrderStatus.AWAITING_PAYMENT, null, NOW));
    }

    @ParameterizedTest
    @EnumSource(ReservationFailureReason.class)
    void shouldFailOrderWithTheInventoryReasonWhenReservationFails(ReservationFailureReason reason) {
        Transition transition = stateMachine.on(Optional.of(saga(OrderStatus.PENDING, null, PLACED_AT)),
                new InventoryReservationFailed(ORDER_ID, reason, "pear: 1 wanted, 0 left", NOW), NOW);

        assertThat(transition.newState()).contains(saga(OrderStatus.FAILED, reason.name(), NOW));
        assertThat(transition.messages()).containsExactly(statusChanged(OrderStatus.FAILED, reason.name(), NOW));
        assertThat(transition.detail()).contains("pear: 1 wanted, 0 left");
    }

    @Test
    void shouldIgnoreMessageTheSagaDoesNotTakeWhateverTheState() {
        SpecificRecord command = new ReserveInventory(ORDER_ID, LINES);

        assertThat(stateMachine.on(Optional.empty(), command, NOW).ignored()).contains(Ignored.UNEXPECTED_MESSAGE);
        assertThat(stateMachine.on(Optional.of(saga(OrderStatus.PENDING, null, PLACED_AT)), command, NOW).ignored())
                .contains(Ignored.UNEXPECTED_MESSAGE);
    }

    private static Optional<OrderSagaState> sagaIn(String status) {
        return status.equals("NONE") ? Optional.empty() : Optional.of(saga(OrderStatus.valueOf(status), null,
                PLACED_AT));
    }

    private static SpecificRecord event(String name) {
        return switch (name) {
            case "OrderPlaced" -> orderPlaced(LINES);
            case "InvalidOrderPlaced" -> orderPlaced(List.of());
            case "InventoryReserved" -> new InventoryReserved(ORDER_ID, NOW);
            case "InventoryReservationFailed" -> new InventoryReservationFailed(ORDER_ID,
                    ReservationFailureReason.OUT_OF_STOCK, null, NOW);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static OrderPlaced orderPlaced(List<OrderLine> lines) {
        return new OrderPlaced(ORDER_ID, "customer-7", lines, PLACED_AT);
    }

    private static OrderSagaState saga(OrderStatus status, String reason, Instant updatedAt) {
        return new OrderSagaState(ORDER_ID, "customer-7", LINES, status, reason, PLACED_AT, updatedAt);
    }

    private static OrderStatusChanged statusChanged(OrderStatus status, String reason, Instant changedAt) {
        return new OrderStatusChanged(ORDER_ID, "customer-7", LINES, status, reason, PLACED_AT, changedAt);
    }
}
