package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReserveInventory;
import dev.ordersaga.messaging.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.stereotype.Component;

/**
 * Answers each command on {@code inventory-commands} on {@code inventory-events}. The answer is published after the
 * command's transaction committed, and the command's offset is committed only after the broker acknowledged the
 * answer: if the process dies in between, the command comes again and its recorded result is published again.
 *
 * <p>A conflict never holds up the partition: spring-kafka's non-blocking retries forward the command to
 * {@code inventory-commands-retry-0}, then {@code -retry-1}, ... (one topic per backoff step, header
 * {@code retry_topic-attempts} = the attempt number), and the partition goes on with the next command. On the last
 * attempt the service decides instead of throwing (see {@link ReservationService}). A database that cannot be
 * reached is no fault of the command: it is tried again in place, holding the partition, until the database is back
 * (see {@link CommandRetryConfiguration}). Every other failure, and every record that cannot be decoded, goes
 * straight to {@code inventory-commands-dlt} with the exception in headers.
 * The retry-topic support gives every container of this listener its own error handler, which would replace
 * service-support's dead-letter handler; so {@code ordersaga.kafka.dead-letter-topic} is not set for this service.
 */
@Component
class InventoryCommandListener {

    /** Listener id; the retry and dead-letter containers get it with their topic's suffix. */
    static final String ID = "inventory-commands";

    private final ReservationService reservations;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final InventoryMetrics metrics;
    private final int maxAttempts;

    InventoryCommandListener(ReservationService reservations, KafkaTemplate<String, SpecificRecord> kafka,
            InventoryMetrics metrics, ReservationProperties properties) {
        this.reservations = reservations;
        this.kafka = kafka;
        this.metrics = metrics;
        this.maxAttempts = properties.retry().attempts();
    }

    // Index suffixes and one topic per attempt keep the retry topics' names the same on every instance: jitter
    // makes each instance draw its own delays at start-up, and reusing a topic depends on equal delays.
    // One consumer per retry topic: retries are the exception, and each consumer thread may hold two database
    // connections under the distributed-lock strategy (see spring.datasource.hikari.maximum-pool-size).
    @RetryableTopic(
            attempts = "${inventory.reservation.retry.attempts}",
            backOff = @BackOff(
                    delayString = "${inventory.reservation.retry.delay}",
                    multiplierString = "${inventory.reservation.retry.multiplier}",
                    maxDelayString = "${inventory.reservation.retry.max-delay}",
                    jitterString = "${inventory.reservation.retry.jitter}"),
            include = ReservationConflictException.class,
            retryTopicSuffix = Topics.RETRY_TOPIC_SUFFIX,
            dltTopicSuffix = Topics.DLT_SUFFIX,
            topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
            sameIntervalTopicReuseStrategy = SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
            numPartitions = "${ordersaga.kafka.partitions:" + Topics.PARTITIONS + "}",
            replicationFactor = "${ordersaga.kafka.replication-factor:1}",
            concurrency = "1",
            // The dead-letter topic is for operators; nothing in the service consumes it.
            autoStartDltHandler = "false",
            kafkaTemplate = CommandForwardingConfiguration.TEMPLATE)
    @KafkaListener(id = ID, groupId = "${spring.kafka.consumer.group-id}", topics = Topics.INVENTORY_COMMANDS)
    void onCommand(ConsumerRecord<String, SpecificRecord> record) {
        Attempt attempt = Attempt.of(record, maxAttempts);
        if (attempt.isRetry()) {
            metrics.retry(attempt);
        }
        SpecificRecord command = record.value();
        metrics.commandDuration(commandName(command)).record(() -> {
            SpecificRecord answer = answer(command, attempt);
            // Keyed like the command: by order id, as every order-saga topic is.
            kafka.send(Topics.INVENTORY_EVENTS, record.key(), answer).join();
        });
    }

    private SpecificRecord answer(SpecificRecord command, Attempt attempt) {
        if (command instanceof ReserveInventory reserve) {
            return reserved(reservations.reserve(reserve, attempt));
        }
        if (command instanceof ReleaseInventory release) {
            return ended(reservations.release(release, attempt));
        }
        if (command instanceof CommitInventory commit) {
            return ended(reservations.commit(commit, attempt));
        }
        throw new InapplicableCommandException(Topics.INVENTORY_COMMANDS + " carries ReserveInventory,"
                + " ReleaseInventory and CommitInventory; this record holds "
                + (command == null ? "no value" : command.getSchema().getName()));
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

    /** The {@code command} tag of the duration timer. */
    private static String commandName(SpecificRecord command) {
        if (command instanceof ReserveInventory) {
            return "reserve";
        }
        if (command instanceof ReleaseInventory) {
            return "release";
        }
        if (command instanceof CommitInventory) {
            return "commit";
        }
        return command == null ? "empty" : "unexpected";
    }
}
