package dev.ordersaga.payment;

import dev.ordersaga.messaging.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes the provider's answers on {@code payment-events}, keyed by order id, at once or after a delay. */
@Component
class PaymentAnswers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaymentAnswers.class);

    /**
     * How long a listener thread waits for the broker's acknowledgement. A send that times out may still arrive
     * later, and the command is then answered twice: harmless, since the answers are the same.
     */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final ScheduledExecutorService delayedAnswers = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "payment-delayed-answers"));

    PaymentAnswers(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    /**
     * Publishes {@code answer} and waits until the broker has it. A failure throws, so the listener's container
     * does not commit the command's offset and delivers it again.
     */
    void send(String orderId, SpecificRecord answer) {
        try {
            kafka.send(Topics.PAYMENT_EVENTS, orderId, answer).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + nameOf(answer) + " for order " + orderId,
                    e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not acknowledge " + nameOf(answer) + " for order "
                    + orderId + " within " + ACK_TIMEOUT.toSeconds() + " s; the command will be handled again", e);
        }
    }

    /**
     * Publishes the answer {@code delay} from now, from a thread of its own: the listener goes on with the next
     * command at once. The command's offset is committed before this answer is sent, so an answer lost to a crash
     * or a failed send is not sent again from here; the saga covers that, as it sends AuthorizePayment again while
     * it waits and expires the order at its payment deadline.
     */
    void sendAfter(Duration delay, String orderId, Supplier<SpecificRecord> answer) {
        delayedAnswers.schedule(() -> {
            SpecificRecord message = answer.get();
            kafka.send(Topics.PAYMENT_EVENTS, orderId, message).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("Order {}: delayed {} was not sent ({}); the saga asks again while it waits", orderId,
                            nameOf(message), failure.toString());
                }
            });
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        List<Runnable> dropped = delayedAnswers.shutdownNow();
        if (!dropped.isEmpty()) {
            log.info("Stopping with {} delayed answers not sent; the saga asks for them again", dropped.size());
        }
    }

    private static String nameOf(SpecificRecord message) {
        return message.getSchema().getName();
    }
}
