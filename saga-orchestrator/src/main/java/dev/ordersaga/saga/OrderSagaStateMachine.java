package dev.ordersaga.saga;

import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.OrderLines;
import dev.ordersaga.saga.Transition.Ignored;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The saga of one order: from what the orchestrator knows about the order (nothing yet, or its saga state) and
 * the next event for it, decides the new state and the messages to send. The single home of the saga's rules;
 * pure (no Kafka, no clock, no I/O), so Kafka Streams only moves messages in and out of it.
 *
 * <pre>
 * saga \ event     | OrderPlaced                          | InventoryReserved         | InventoryReservationFailed
 * -----------------+--------------------------------------+---------------------------+---------------------------
 * none             | valid: PENDING,                      | ignored: UNKNOWN_ORDER    | ignored: UNKNOWN_ORDER
 *                  |   sends status + ReserveInventory    |                           |
 *                  | invalid: FAILED (INVALID_ORDER),     |                           |
 *                  |   sends status only                  |                           |
 * PENDING          | ignored: DUPLICATE_ORDER             | AWAITING_PAYMENT,         | FAILED (the reason, e.g.
 *                  |                                      |   sends status            |   OUT_OF_STOCK), sends status
 * AWAITING_PAYMENT | ignored: DUPLICATE_ORDER             | ignored: NOT_AWAITED      | ignored: NOT_AWAITED
 * PAID, CANCELLED, | ignored: DUPLICATE_ORDER             | ignored: NOT_AWAITED      | ignored: NOT_AWAITED
 * EXPIRED, FAILED  |                                      |                           |
 * </pre>
 *
 * "Sends status" means an {@link OrderStatusChanged} carrying the whole order, because its readers may never
 * have seen the {@link OrderPlaced}. Any other message type is ignored as {@link Ignored#UNEXPECTED_MESSAGE}.
 * Every event is handled by one method below; a new event (payment, cancellation, timeout) gets its own.
 */
public class OrderSagaStateMachine {

    /** The {@code reason} of an order whose lines break the rules of {@link OrderLines#problemWith}. */
    static final String INVALID_ORDER = "INVALID_ORDER";

    /**
     * @param current the order's saga state, empty if the orchestrator has not seen the order placed
     * @param event the message that arrived for the order
     * @param now when the event is handled; becomes {@code updatedAt} and {@code changedAt}
     */
    public Transition on(Optional<OrderSagaState> current, SpecificRecord event, Instant now) {
        if (event instanceof OrderPlaced placed) {
            return current.isPresent() ? Transition.ignore(Ignored.DUPLICATE_ORDER) : onOrderPlaced(placed, now);
        }
        if (event instanceof InventoryReserved) {
            return current.map(saga -> onInventoryReserved(saga, now)).orElseGet(OrderSagaStateMachine::unknownOrder);
        }
        if (event instanceof InventoryReservationFailed failed) {
            return current.map(saga -> onInventoryReservationFailed(saga, failed, now))
                    .orElseGet(OrderSagaStateMachine::unknownOrder);
        }
        return Transition.ignore(Ignored.UNEXPECTED_MESSAGE);
    }

    private Transition onOrderPlaced(OrderPlaced placed, Instant now) {
        OrderSagaState.Builder saga = OrderSagaState.newBuilder()
                .setOrderId(placed.getOrderId())
                .setCustomerId(placed.getCustomerId())
                .setLines(placed.getLines())
                .setPlacedAt(placed.getPlacedAt())
                .setUpdatedAt(now);
        Optional<String> problem = OrderLines.problemWith(placed.getLines());
        if (problem.isPresent()) {
            OrderSagaState failed = saga.setStatus(OrderStatus.FAILED).setReason(INVALID_ORDER).build();
            return Transition.to(failed, statusChanged(failed)).because(problem.get());
        }
        OrderSagaState pending = saga.setStatus(OrderStatus.PENDING).setReason(null).build();
        return Transition.to(pending, statusChanged(pending),
                new ReserveInventory(placed.getOrderId(), placed.getLines()));
    }

    private Transition onInventoryReserved(OrderSagaState saga, Instant now) {
        if (saga.getStatus() != OrderStatus.PENDING) {
            return Transition.ignore(Ignored.NOT_AWAITED);
        }
        return moveTo(saga, OrderStatus.AWAITING_PAYMENT, null, now);
    }

    private Transition onInventoryReservationFailed(OrderSagaState saga, InventoryReservationFailed failed,
            Instant now) {
        if (saga.getStatus() != OrderStatus.PENDING) {
            return Transition.ignore(Ignored.NOT_AWAITED);
        }
        return moveTo(saga, OrderStatus.FAILED, failed.getReason().name(), now).because(failed.getDetail());
    }

    private static Transition unknownOrder() {
        return Transition.ignore(Ignored.UNKNOWN_ORDER);
    }

    private static Transition moveTo(OrderSagaState saga, OrderStatus status, String reason, Instant now) {
        OrderSagaState next = OrderSagaState.newBuilder(saga)
                .setStatus(status)
                .setReason(reason)
                .setUpdatedAt(now)
                .build();
        return Transition.to(next, statusChanged(next));
    }

    private static OrderStatusChanged statusChanged(OrderSagaState saga) {
        return OrderStatusChanged.newBuilder()
                .setOrderId(saga.getOrderId())
                .setCustomerId(saga.getCustomerId())
                .setLines(saga.getLines())
                .setStatus(saga.getStatus())
                .setReason(saga.getReason())
                .setPlacedAt(saga.getPlacedAt())
                .setChangedAt(saga.getUpdatedAt())
                .build();
    }
}
