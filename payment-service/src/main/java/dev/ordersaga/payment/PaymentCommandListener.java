package dev.ordersaga.payment;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.messaging.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers the saga's commands on {@code payment-commands}. Nothing is stored: every answer follows from the
 * command alone ({@link TestCardRules}), so a command delivered twice is answered twice the same way.
 *
 * <p>A record that cannot be decoded, or holds a message that does not belong on this topic (the topic catalogue
 * says what it carries), fails in the deserializer; service-support's error handler then sends it to
 * {@code payment-commands-dlt} at once and the partition goes on.
 */
@Component
class PaymentCommandListener {

    private static final Logger log = LoggerFactory.getLogger(PaymentCommandListener.class);

    private final TestCardRules rules;
    private final PaymentAnswers answers;
    private final Clock clock;
    private final Counter authorized;
    private final Counter declined;
    private final Counter voids;

    PaymentCommandListener(TestCardRules rules, PaymentAnswers answers, Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.answers = answers;
        this.clock = clock;
        this.authorized = decisions("authorized", meters);
        this.declined = decisions("declined", meters);
        this.voids = Counter.builder("ordersaga.payment.voids")
                .description("VoidPayment commands answered with PaymentVoided")
                .register(meters);
    }

    @KafkaListener(id = Topics.PAYMENT_COMMANDS, groupId = "${spring.kafka.consumer.group-id}",
            topics = Topics.PAYMENT_COMMANDS)
    void onCommand(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord command = record.value();
        if (command instanceof AuthorizePayment authorize) {
            authorize(authorize);
        } else if (command instanceof VoidPayment voidPayment) {
            voidPayment(voidPayment);
        } else {
            // The deserializer lets nothing else through.
            throw new IllegalStateException("Unexpected " + command + " on " + record.topic());
        }
    }

    private void authorize(AuthorizePayment command) {
        String orderId = command.getOrderId();
        CardDecision decision = rules.decide(command.getPaymentId(), command.getCardLast4());
        if (decision instanceof CardDecision.Decline decline) {
            answers.send(orderId, new PaymentDeclined(orderId, command.getPaymentId(), decline.declineCode(),
                    clock.instant()));
            declined.increment();
            log.info("Order {}: payment {} declined ({})", orderId, command.getPaymentId(), decline.declineCode());
        } else if (decision instanceof CardDecision.Authorize authorization) {
            if (authorization.answerDelay().isZero()) {
                answers.send(orderId, authorized(command, authorization));
                log.debug("Order {}: payment {} authorised", orderId, command.getPaymentId());
            } else {
                answers.sendAfter(authorization.answerDelay(), orderId, () -> authorized(command, authorization));
                log.info("Order {}: payment {} authorised, answering in {} ms (slow test card)", orderId,
                        command.getPaymentId(), authorization.answerDelay().toMillis());
            }
            authorized.increment();
        }
    }

    private void voidPayment(VoidPayment command) {
        // Voiding is always possible and changes nothing the second time: there is nothing to look up.
        answers.send(command.getOrderId(), new PaymentVoided(command.getOrderId(), command.getPaymentId(),
                clock.instant()));
        voids.increment();
        log.info("Order {}: payment {} voided{}", command.getOrderId(), command.getPaymentId(),
                command.getReason() == null ? "" : " (" + command.getReason() + ")");
    }

    /** Built when it is sent: a slow card's authorisation happens at the end of its delay. */
    private PaymentAuthorized authorized(AuthorizePayment command, CardDecision.Authorize authorization) {
        return new PaymentAuthorized(command.getOrderId(), command.getPaymentId(),
                authorization.authorizationCode(), clock.instant());
    }

    private static Counter decisions(String outcome, MeterRegistry meters) {
        return Counter.builder("ordersaga.payment.decisions")
                .description("AuthorizePayment commands decided, repeats included, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
