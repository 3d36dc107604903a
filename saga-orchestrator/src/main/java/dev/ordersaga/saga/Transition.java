package dev.ordersaga.saga;

import dev.ordersaga.messages.OrderSagaState;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the saga does with one event: move to a new state and send messages, only send messages (a compensation
 * that changes nothing in the saga), or ignore the event.
 *
 * @param newState the state to store, empty when the saga stays as it is
 * @param messages the commands and events to send, in order; empty when the event is ignored
 * @param ignored why the event changed nothing, empty when it moved the saga
 * @param detail what a person reading the log needs to know, e.g. why an order is invalid
 */
public record Transition(Optional<OrderSagaState> newState, List<SpecificRecord> messages,
        Optional<Ignored> ignored, Optional<String> detail) {

    /** Why an event leaves the saga as it is. */
    public enum Ignored {
        /** An OrderPlaced for an order that already has a saga: a resend or a replay. */
        DUPLICATE_ORDER,
        /** An inventory event for an order this orchestrator never saw placed. */
        UNKNOWN_ORDER,
        /** The saga is not waiting for this event in its state: a duplicate or a late answer. */
        NOT_AWAITED,
        /** A cancellation after the payment was authorised: the order completes. */
        TOO_LATE_TO_CANCEL,
        /** An answer that needs no action, e.g. PaymentVoided: the compensation it confirms is done. */
        ACKNOWLEDGED,
        /** A message type the saga does not take, e.g. a command produced to an event topic. */
        UNEXPECTED_MESSAGE
    }

    static Transition to(OrderSagaState newState, SpecificRecord... messages) {
        return new Transition(Optional.of(newState), List.of(messages), Optional.empty(), Optional.empty());
    }

    static Transition send(SpecificRecord... messages) {
        return new Transition(Optional.empty(), List.of(messages), Optional.empty(), Optional.empty());
    }

    static Transition ignore(Ignored why) {
        return new Transition(Optional.empty(), List.of(), Optional.of(why), Optional.empty());
    }

    Transition because(String detail) {
        return new Transition(newState, messages, ignored, Optional.ofNullable(detail));
    }
}
