package dev.ordersaga.saga;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.CancellationRequested;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderSagaState;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentSubmitted;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messages.SagaPayment;
import dev.ordersaga.messages.SagaStep;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.messaging.OrderLines;
import dev.ordersaga.saga.Transition.Ignored;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The saga of one order: from what the orchestrator knows about the order (nothing yet, or its saga state) and
 * the next event for it (a message, or its timer), decides the new state and the messages to send. The single
 * home of the saga's rules, and the source of the state diagram in docs/architecture.md; pure (no Kafka, no
 * clock, no I/O), so Kafka Streams only moves messages in and out of it. Time is what the caller says it is: the
 * event's own timestamp, or the stream time of the timer.
 *
 * <p>The saga's {@link SagaStep step} says what it waits for; the order's {@link OrderStatus status} is what
 * clients see. Every step that waits for another service sets a wake-up time, and {@link #onWakeUp} then either
 * gives up waiting (the payment deadline) or sends the awaited command again: every service answers a repeated
 * command with the same answer, so commands and compensations are retried until they are answered.
 *
 * <p>The payment deadline is judged against when the payment was submitted, not when the saga gets to it: a
 * {@link PaymentSubmitted} stamped before the deadline is authorised, one stamped at or after it expires the
 * order. Once the payment is being authorised the deadline no longer applies: the customer paid in time, and the
 * saga waits for the provider's answer however long it takes.
 *
 * <pre>
 * step \ event     | what moves it on                                   | timer (wakeUpAt)
 * -----------------+----------------------------------------------------+-------------------------------------
 * (none)           | OrderPlaced: RESERVING, or FAILED INVALID_ORDER    |
 *                  |   (PENDING announced only for an order that        |
 *                  |   order-service did not create, see below)         |
 * RESERVING        | InventoryReserved: AWAITING_PAYMENT                | ReserveInventory again
 *   (PENDING)      | InventoryReservationFailed: FAILED with its reason |
 *                  | CancellationRequested: RELEASING, then CANCELLED   |
 * AWAITING_PAYMENT | PaymentSubmitted before paymentDueAt: AUTHORIZING  | at paymentDueAt: RELEASING, then
 *                  | PaymentSubmitted at or after it: RELEASING, then   |   EXPIRED
 *                  |   EXPIRED                                          |
 *                  | CancellationRequested: RELEASING, then CANCELLED   |
 * AUTHORIZING      | PaymentAuthorized: COMMITTING                      | AuthorizePayment again
 *   (AWAITING_     | PaymentDeclined: RELEASING, then FAILED            |
 *    PAYMENT)      |   PAYMENT_DECLINED                                 |
 *                  | CancellationRequested: RELEASING, then CANCELLED   |
 * COMMITTING       | InventoryCommitted: PAID                           | CommitInventory again
 * RELEASING        | InventoryReleased: the outcome it was released for | ReleaseInventory again
 * DONE (final)     | nothing                                            |
 * </pre>
 *
 * Everything else is a duplicate, a late answer or a race, and leaves the saga as it is
 * ({@link Ignored}), with one exception: an authorised payment the saga no longer takes (the order was
 * cancelled or expired meanwhile, or it is not the payment being authorised) is voided with {@link VoidPayment},
 * since the customer's money must not stay held. A cancellation is honoured until the payment is authorised;
 * after that the order completes ({@link Ignored#TOO_LATE_TO_CANCEL}). Compensated orders take their final status
 * only once inventory confirmed the release, so a client that sees CANCELLED also sees the stock back.
 *
 * <p>Every status change is announced on order-status, but one: the PENDING of an order order-service created
 * ({@link OrderPlaced#getCreatedByOrderService()}), which order-service stored as PENDING in the transaction that
 * wrote the OrderPlaced. An order any other client produced to the orders topic is announced PENDING: that
 * OrderStatusChanged carries the whole order, and order-service creates the order from it.
 */
public class OrderSagaStateMachine {

    /** The {@code reason} of an order whose lines break the rules of {@link OrderLines#problemWith}. */
    static final String INVALID_ORDER = "INVALID_ORDER";
    static final String PAYMENT_AUTHORIZED = "PAYMENT_AUTHORIZED";
    static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    static final String CUSTOMER_CANCELLED = "CUSTOMER_CANCELLED";
    static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";

    private final Duration paymentTimeout;
    private final Duration commandRetryInterval;

    /**
     * @param paymentTimeout how long an order waits for its payment once its stock is reserved
     * @param commandRetryInterval how long the saga waits for an answer before it sends a command again
     */
    public OrderSagaStateMachine(Duration paymentTimeout, Duration commandRetryInterval) {
        this.paymentTimeout = paymentTimeout;
        this.commandRetryInterval = commandRetryInterval;
    }

    /**
     * @param current the order's saga state, empty if the orchestrator has not seen the order placed
     * @param event the message that arrived for the order
     * @param now the event's timestamp: when it happened, e.g. when order-service accepted the payment; becomes
     *     {@code updatedAt} and {@code changedAt}
     */
    public Transition on(Optional<OrderSagaState> current, SpecificRecord event, Instant now) {
        if (event instanceof OrderPlaced placed) {
            return current.isPresent() ? Transition.ignore(Ignored.DUPLICATE_ORDER) : onOrderPlaced(placed, now);
        }
        if (event instanceof PaymentAuthorized authorized) {
            // Even for an order it does not know: an authorisation nobody takes must not hold the money.
            return current.map(saga -> onPaymentAuthorized(saga, authorized, now))
                    .orElseGet(() -> voidPayment(authorized, "UNKNOWN_ORDER"));
        }
        if (!isSagaEvent(event)) {
            return Transition.ignore(Ignored.UNEXPECTED_MESSAGE);
        }
        if (current.isEmpty()) {
            return Transition.ignore(Ignored.UNKNOWN_ORDER);
        }
        OrderSagaState saga = current.get();
        SagaStep step = stepOf(saga);
        if (event instanceof InventoryReserved) {
            return step == SagaStep.RESERVING ? awaitPayment(saga, now) : Transition.ignore(Ignored.NOT_AWAITED);
        }
        if (event instanceof InventoryReservationFailed failed) {
            // While RELEASING the release's own answer follows; until then nothing changes.
            return step == SagaStep.RESERVING
                    ? finish(saga, OrderStatus.FAILED, failed.getReason().name(), now).because(failed.getDetail())
                    : Transition.ignore(Ignored.NOT_AWAITED);
        }
        if (event instanceof PaymentSubmitted submitted) {
            return step == SagaStep.AWAITING_PAYMENT
                    ? onPaymentSubmitted(saga, submitted, now) : Transition.ignore(Ignored.NOT_AWAITED);
        }
        if (event instanceof CancellationRequested) {
            return onCancellationRequested(saga, step, now);
        }
        if (event instanceof PaymentDeclined declined) {
            return step == SagaStep.AUTHORIZING && isCurrentPayment(saga, declined.getPaymentId())
                    ? release(saga, OrderStatus.FAILED, PAYMENT_DECLINED, now).because(declined.getDeclineCode())
                    : Transition.ignore(Ignored.NOT_AWAITED);
        }
        if (event instanceof InventoryCommitted) {
            return step == SagaStep.COMMITTING
                    ? finish(saga, OrderStatus.PAID, PAYMENT_AUTHORIZED, now) : Transition.ignore(Ignored.NOT_AWAITED);
        }
        if (event instanceof InventoryReleased) {
            return step == SagaStep.RELEASING
                    ? finish(saga, saga.getOutcome(), saga.getOutcomeReason(), now)
                    : Transition.ignore(Ignored.NOT_AWAITED);
        }
        return Transition.ignore(Ignored.ACKNOWLEDGED); // PaymentVoided: the compensation is done, nothing waits
    }

    /**
     * The saga's timer, due at its {@code wakeUpAt}: expires an order whose payment deadline passed, or sends the
     * command the saga waits on again.
     *
     * @param now the time of the timer: the stream time, which has passed every input already read
     */
    public Transition onWakeUp(OrderSagaState saga, Instant now) {
        return switch (stepOf(saga)) {
            case RESERVING -> resend(saga, new ReserveInventory(saga.getOrderId(), saga.getLines()), now);
            case AWAITING_PAYMENT -> now.isBefore(paymentDueAt(saga))
                    ? wakeUpAt(saga, paymentDueAt(saga))
                    : release(saga, OrderStatus.EXPIRED, PAYMENT_TIMEOUT, now);
            case AUTHORIZING -> resend(saga, authorizePayment(saga), now);
            case COMMITTING -> resend(saga, new CommitInventory(saga.getOrderId()), now);
            case RELEASING -> resend(saga, releaseInventory(saga.getOrderId(), saga.getOutcome()), now);
            case DONE -> saga.getWakeUpAt() == null
                    ? Transition.ignore(Ignored.NOT_AWAITED) : wakeUpAt(saga, null);
        };
    }

    /** The step of a saga; states written before steps existed have none and are derived from their status. */
    static SagaStep stepOf(OrderSagaState saga) {
        if (saga.getStep() != null) {
            return saga.getStep();
        }
        return switch (saga.getStatus()) {
            case PENDING -> SagaStep.RESERVING;
            case AWAITING_PAYMENT -> SagaStep.AWAITING_PAYMENT;
            case PAID, CANCELLED, EXPIRED, FAILED -> SagaStep.DONE;
        };
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
            OrderSagaState failed = saga.setStatus(OrderStatus.FAILED).setReason(INVALID_ORDER)
                    .setStep(SagaStep.DONE).build();
            return Transition.to(failed, statusChanged(failed)).because(problem.get());
        }
        OrderSagaState pending = saga.setStatus(OrderStatus.PENDING).setReason(null)
                .setStep(SagaStep.RESERVING).setWakeUpAt(now.plus(commandRetryInterval)).build();
        ReserveInventory reserve = new ReserveInventory(placed.getOrderId(), placed.getLines());
        if (placed.getCreatedByOrderService()) {
            // order-service stored the order as PENDING with this very message: announcing it would change nothing.
            return Transition.to(pending, reserve);
        }
        // An order another client produced straight to the orders topic: order-service creates it from this status.
        return Transition.to(pending, statusChanged(pending), reserve);
    }

    private Transition awaitPayment(OrderSagaState saga, Instant now) {
        Instant due = now.plus(paymentTimeout);
        OrderSagaState awaiting = OrderSagaState.newBuilder(saga)
                .setStatus(OrderStatus.AWAITING_PAYMENT)
                .setStep(SagaStep.AWAITING_PAYMENT)
                .setPaymentDueAt(due)
                .setWakeUpAt(due)
                .setUpdatedAt(now)
                .build();
        return Transition.to(awaiting, statusChanged(awaiting));
    }

    private Transition onPaymentSubmitted(OrderSagaState saga, PaymentSubmitted submitted, Instant now) {
        Instant due = paymentDueAt(saga);
        if (now.isBefore(due)) {
            return authorize(saga, submitted, now);
        }
        // The order expired before the payment came; that the timer has not got to it yet changes nothing.
        return release(saga, OrderStatus.EXPIRED, PAYMENT_TIMEOUT, now)
                .because("payment " + submitted.getPaymentId() + " submitted at " + now + ", due by " + due);
    }

    private Transition authorize(OrderSagaState saga, PaymentSubmitted submitted, Instant now) {
        SagaPayment payment = new SagaPayment(submitted.getPaymentId(), submitted.getMethod(),
                submitted.getCardLast4());
        OrderSagaState authorizing = OrderSagaState.newBuilder(saga)
                .setStep(SagaStep.AUTHORIZING)
                .setPayment(payment)
                .setWakeUpAt(now.plus(commandRetryInterval))
                .setUpdatedAt(now)
                .build();
        return Transition.to(authorizing, authorizePayment(authorizing));
    }

    private Transition onPaymentAuthorized(OrderSagaState saga, PaymentAuthorized authorized, Instant now) {
        boolean current = isCurrentPayment(saga, authorized.getPaymentId());
        SagaStep step = stepOf(saga);
        if (current && step == SagaStep.AUTHORIZING) {
            OrderSagaState committing = OrderSagaState.newBuilder(saga)
                    .setStep(SagaStep.COMMITTING)
                    .setWakeUpAt(now.plus(commandRetryInterval))
                    .setUpdatedAt(now)
                    .build();
            return Transition.to(committing, new CommitInventory(saga.getOrderId()));
        }
        if (current && (step == SagaStep.COMMITTING || saga.getStatus() == OrderStatus.PAID)) {
            return Transition.ignore(Ignored.NOT_AWAITED); // the same authorisation again
        }
        OrderStatus voidedFor = step == SagaStep.RELEASING ? saga.getOutcome() : saga.getStatus();
        return voidPayment(authorized, voidedFor.name());
    }

    private Transition onCancellationRequested(OrderSagaState saga, SagaStep step, Instant now) {
        return switch (step) {
            case RESERVING, AWAITING_PAYMENT, AUTHORIZING ->
                    release(saga, OrderStatus.CANCELLED, CUSTOMER_CANCELLED, now);
            case COMMITTING -> Transition.ignore(Ignored.TOO_LATE_TO_CANCEL);
            case RELEASING, DONE -> Transition.ignore(Ignored.NOT_AWAITED);
        };
    }

    /** Gives the order's stock back; the order takes {@code outcome} once inventory confirms. */
    private Transition release(OrderSagaState saga, OrderStatus outcome, String reason, Instant now) {
        OrderSagaState releasing = OrderSagaState.newBuilder(saga)
                .setStep(SagaStep.RELEASING)
                .setOutcome(outcome)
                .setOutcomeReason(reason)
                .setWakeUpAt(now.plus(commandRetryInterval))
                .setUpdatedAt(now)
                .build();
        return Transition.to(releasing, releaseInventory(saga.getOrderId(), outcome));
    }

    private static Transition finish(OrderSagaState saga, OrderStatus status, String reason, Instant now) {
        OrderSagaState done = OrderSagaState.newBuilder(saga)
                .setStatus(status)
                .setReason(reason)
                .setStep(SagaStep.DONE)
                .setWakeUpAt(null)
                .setUpdatedAt(now)
                .build();
        return Transition.to(done, statusChanged(done));
    }

    private Transition resend(OrderSagaState saga, SpecificRecord command, Instant now) {
        OrderSagaState waiting = OrderSagaState.newBuilder(saga).setWakeUpAt(now.plus(commandRetryInterval)).build();
        return Transition.to(waiting, command).because("no answer yet, sent again");
    }

    private static Transition wakeUpAt(OrderSagaState saga, Instant wakeUpAt) {
        return Transition.to(OrderSagaState.newBuilder(saga).setWakeUpAt(wakeUpAt).build())
                .because("timer moved to " + wakeUpAt);
    }

    private static Transition voidPayment(PaymentAuthorized authorized, String reason) {
        return Transition.send(new VoidPayment(authorized.getOrderId(), authorized.getPaymentId(), reason))
                .because("payment " + authorized.getPaymentId() + " authorised for an order that does not take it");
    }

    /** A state written before payment deadlines existed gets its deadline from when it last changed. */
    private Instant paymentDueAt(OrderSagaState saga) {
        return saga.getPaymentDueAt() != null ? saga.getPaymentDueAt() : saga.getUpdatedAt().plus(paymentTimeout);
    }

    private static boolean isCurrentPayment(OrderSagaState saga, String paymentId) {
        return saga.getPayment() != null && saga.getPayment().getPaymentId().equals(paymentId);
    }

    private static boolean isSagaEvent(SpecificRecord event) {
        return event instanceof InventoryReserved || event instanceof InventoryReservationFailed
                || event instanceof PaymentSubmitted || event instanceof CancellationRequested
                || event instanceof PaymentDeclined || event instanceof PaymentVoided
                || event instanceof InventoryCommitted || event instanceof InventoryReleased;
    }

    private static AuthorizePayment authorizePayment(OrderSagaState saga) {
        SagaPayment payment = saga.getPayment();
        return new AuthorizePayment(saga.getOrderId(), payment.getPaymentId(), payment.getMethod(),
                payment.getCardLast4());
    }

    private static ReleaseInventory releaseInventory(String orderId, OrderStatus outcome) {
        return new ReleaseInventory(orderId, outcome.name());
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
