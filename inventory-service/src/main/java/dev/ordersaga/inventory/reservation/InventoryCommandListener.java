package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messaging.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Answers the commands of one poll of {@code inventory-commands} (or of a retry topic) on {@code inventory-events}:
 * <ol>
 *   <li>on a retry topic, only the records that are due; the rest come again once the first of them is due
 *       ({@link Acknowledgment#nack(int, Duration)}, which pauses the consumer rather than sleeping in it);</li>
 *   <li>every command applied in offset order, in one transaction ({@link ReservationService});</li>
 *   <li>once it committed, every answer sent, every conflicted command republished to its next retry topic
 *       ({@link ConflictRetries}), every record that cannot apply sent to {@code inventory-commands-dlt} alone
 *       ({@link DeadLetters}), and all of them awaited at once;</li>
 *   <li>then the offsets acknowledged, committed by the container after this returns.</li>
 * </ol>
 * If the process dies in between, the batch comes again and its recorded results are published again. A database
 * that cannot be reached is no fault of the commands: the whole batch is delivered again, holding its partitions,
 * until the database is back (see {@link CommandListenerConfiguration}); nothing goes to the dead-letter topic.
 */
@Component
class InventoryCommandListener {

    /** Id of the listener on {@code inventory-commands}; each retry topic's listener has the topic's name. */
    static final String ID = Topics.INVENTORY_COMMANDS;

    private static final Logger log = LoggerFactory.getLogger(InventoryCommandListener.class);
    private static final LogAccessor logAccessor = new LogAccessor(InventoryCommandListener.class);

    private final ReservationService reservations;
    private final ConflictRetries retries;
    private final DeadLetters deadLetters;
    private final KafkaTemplate<String, SpecificRecord> answers;
    private final KafkaOperations<Object, Object> forwarding;
    private final ReservationMetrics metrics;

    InventoryCommandListener(ReservationService reservations, ConflictRetries retries, DeadLetters deadLetters,
            KafkaTemplate<String, SpecificRecord> answers,
            @Qualifier(CommandForwardingConfiguration.TEMPLATE) KafkaOperations<Object, Object> forwarding,
            ReservationMetrics metrics) {
        this.reservations = reservations;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.answers = answers;
        this.forwarding = forwarding;
        this.metrics = metrics;
    }

    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records, Acknowledgment acknowledgment) {
        int due = 0;
        Duration untilNextDue = Duration.ZERO;
        while (due < records.size()) {
            untilNextDue = retries.untilDue(records.get(due));
            if (untilNextDue.compareTo(Duration.ZERO) > 0) {
                break;
            }
            due++;
        }
        if (due > 0) {
            handle(records.subList(0, due));
        }
        if (due < records.size()) {
            acknowledgment.nack(due, untilNextDue);
        } else {
            acknowledgment.acknowledge();
        }
    }

    private void handle(List<ConsumerRecord<String, SpecificRecord>> records) {
        long started = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        Map<ConsumerRecord<String, SpecificRecord>, DeserializationException> undecodable = new LinkedHashMap<>();
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            Attempt attempt = retries.attemptOf(record);
            if (attempt.isRetry()) {
                metrics.retry(attempt);
            }
            DeserializationException decodingFailure = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
            if (decodingFailure != null) {
                log.warn("{}-{}@{} cannot be decoded; it goes to the dead-letter topic", record.topic(),
                        record.partition(), record.offset());
                undecodable.put(record, decodingFailure);
                continue;
            }
            commands.add(new Command(record.value(), attempt));
        }
        List<Verdict> verdicts;
        try {
            verdicts = reservations.apply(commands);
        } catch (RuntimeException failure) {
            // Only a database that cannot be reached gets here: the whole batch comes again after a pause.
            throw new BatchListenerFailedException("Could not apply a batch of " + records.size() + " commands",
                    failure, 0);
        }
        // Sent in offset order, the dead letters too.
        Iterator<Verdict> verdict = verdicts.iterator();
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            DeserializationException decodingFailure = undecodable.get(record);
            sent.add(decodingFailure != null ? deadLetters.send(record, decodingFailure) : send(record, verdict.next()));
        }
        answers.flush();
        forwarding.flush();
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException failure) {
            // Applied already: the batch comes again, finds its commands recorded and sends the same answers.
            throw new BatchListenerFailedException("Could not publish the answers to a batch of " + records.size()
                    + " commands", failure, 0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        commands.forEach(command -> metrics.commandDuration(command.name()).record(took));
    }

    private CompletableFuture<?> send(ConsumerRecord<String, SpecificRecord> record, Verdict verdict) {
        // Answers are keyed like the command: by order id, as every order-saga topic is.
        if (verdict instanceof Verdict.Decided decided) {
            return answers.send(Topics.INVENTORY_EVENTS, record.key(), reserved(decided.outcome()));
        }
        if (verdict instanceof Verdict.Settled settled) {
            return answers.send(Topics.INVENTORY_EVENTS, record.key(), ended(settled.reservation()));
        }
        if (verdict instanceof Verdict.Retry) {
            return forwarding.send(retries.nextAttempt(record, retries.attemptOf(record)));
        }
        // Wrapped like a listener's exception: the headers name the container's exception and, as its cause, the
        // reason.
        RuntimeException reason = ((Verdict.DeadLetter) verdict).reason();
        return deadLetters.send(record, new ListenerExecutionFailedException(reason.getMessage(), null, reason));
    }

    private static SpecificRecord reserved(ReservationOutcome outcome) {
        if (outcome.isReserved()) {
            return new InventoryReserved(outcome.orderId(), outcome.decidedAt());
        }
        return new InventoryReservationFailed(outcome.orderId(), outcome.reason(), outcome.detail(),
                outcome.decidedAt());
    }

    /** What a release or commit answers: the way the reservation ended, which is not always the one asked for. */
    private static SpecificRecord ended(Reservation reservation) {
        return switch (reservation.status()) {
            case RELEASED -> new InventoryReleased(reservation.orderId(), reservation.endedAt());
            case COMMITTED -> new InventoryCommitted(reservation.orderId(), reservation.endedAt());
            case RESERVED, REJECTED -> throw new IllegalStateException("Order " + reservation.orderId()
                    + " is still " + reservation.status() + " after a release or commit");
        };
    }
}
