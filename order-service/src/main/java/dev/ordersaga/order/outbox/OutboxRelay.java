package dev.ordersaga.order.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Empties the outbox into Kafka in rounds, one at a time on a thread of its own ({@value #THREAD_NAME}). A round
 * publishes batch after batch until less than a full one is left. One runs every
 * {@code orders.outbox.poll-interval}, for whatever no wake-up announced (left by a crash, by a failed publish or
 * by another instance), and one as soon as a transaction that added a message commits, so an order reaches the
 * broker milliseconds after its POST. Any number of instances relay side by side: only one round at a time, across
 * all of them, publishes ({@link OutboxPublisher}), so every order's messages stay in order.
 *
 * <p>Stopping lets the relay publish what was committed until the web server stopped, for at most
 * {@link #DRAIN_TIMEOUT}. A relay that cannot reach the database or the broker is interrupted instead: it would
 * only wait for them (up to Hikari's 30 s connection timeout, or the producer's {@code max.block.ms}). Either
 * way nothing is lost: a message leaves the outbox only once the broker acknowledged it.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    static final String THREAD_NAME = "outbox-relay";
    /** How long {@link #stop()} lets a healthy relay publish what is left; one batch takes milliseconds. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #stop()} then waits for an interrupted relay; only a hung database call takes longer. */
    static final Duration INTERRUPTED_STOP_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxPublisher publisher;
    private final Map<String, Object> producerConfig;
    private final Duration pollInterval;

    /** The relay between {@link #start()} and {@link #stop()}; null while stopped. */
    private volatile Run run;

    OutboxRelay(OutboxPublisher publisher, KafkaProperties kafkaProperties, OutboxProperties properties) {
        this.publisher = publisher;
        this.producerConfig = producerConfig(kafkaProperties);
        this.pollInterval = properties.pollInterval();
    }

    /**
     * The outbox holds bytes already serialized, so the relay uses its own byte-array producer rather than the
     * application's Avro template; idempotence keeps broker retries from duplicating or reordering messages.
     * Its linger is left at Kafka's default: every batch ends with {@code flush()}, which sends what waits at once,
     * so linger never delays a batch; it only lets the records queued before the flush go out together.
     */
    private static Map<String, Object> producerConfig(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "order-service-outbox");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    @TransactionalEventListener
    void onMessageAdded(OutboxMessageAdded event) {
        Run current = run;
        if (current != null) {
            current.wakeUp();
        }
    }

    @Override
    public synchronized void start() {
        run = new Run(new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()));
        log.info("Outbox relay started, polling every {} ms besides wake-ups", pollInterval.toMillis());
    }

    @Override
    public synchronized void stop() {
        Run stopping = run;
        if (stopping == null) {
            return;
        }
        run = null;
        stopping.stop();
        log.info("Outbox relay stopped");
    }

    @Override
    public boolean isRunning() {
        return run != null;
    }

    /** Start before and stop after the web server, so orders accepted until shutdown are still relayed. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    /** One run of the relay, from start to stop: its thread, its producer and how its last round went. */
    private final class Run {

        private final Producer<String, byte[]> producer;
        private final ThreadPoolTaskScheduler thread = new ThreadPoolTaskScheduler();
        /** A wake-up round is queued and has not begun: wake-ups until it begins ride on it. */
        private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
        /** The last round failed to read the outbox or to publish all it read: the database or broker is away. */
        private volatile boolean stalled;

        Run(Producer<String, byte[]> producer) {
            this.producer = producer;
            thread.setThreadFactory(task -> new Thread(task, THREAD_NAME));
            thread.setAwaitTerminationMillis(INTERRUPTED_STOP_TIMEOUT.toMillis());
            thread.initialize();
            thread.scheduleWithFixedDelay(this::round, pollInterval);
        }

        void wakeUp() {
            if (wakeUpQueued.compareAndSet(false, true)) {
                try {
                    thread.execute(() -> {
                        // Cleared before the round reads the outbox: a commit from now on queues another round.
                        wakeUpQueued.set(false);
                        round();
                    });
                } catch (TaskRejectedException e) {
                    // Stopping: the last round, or the next start, publishes the message.
                }
            }
        }

        private void round() {
            OutboxPublisher.Batch batch;
            do {
                batch = publishNextBatch();
            } while (batch.moreWaiting() && !Thread.currentThread().isInterrupted());
        }

        private OutboxPublisher.Batch publishNextBatch() {
            try {
                OutboxPublisher.Batch batch = publisher.publishNextBatch(producer);
                stalled = batch.published() < batch.claimed();
                return batch;
            } catch (RuntimeException e) {
                stalled = true;
                if (run == this) {
                    log.warn("Outbox relay could not read or update the outbox; retrying within {} ms",
                            pollInterval.toMillis(), e);
                } else {
                    log.info("Outbox relay stopped without reaching the outbox; unpublished messages stay there: {}",
                            String.valueOf(e));
                }
                return OutboxPublisher.Batch.NONE;
            }
        }

        /**
         * A healthy relay gets a last round for what was committed until the web server stopped; one that cannot
         * reach the database or the broker, or runs out of time, is interrupted.
         */
        void stop() {
            if (stalled) {
                log.info("Stopping the outbox relay while the database or the broker is unreachable; unpublished"
                        + " messages stay in the outbox");
                thread.shutdown();
            } else {
                thread.execute(this::round);
                thread.initiateShutdown();
                if (!awaitTermination(DRAIN_TIMEOUT)) {
                    log.warn("Outbox relay did not finish publishing within {} s; interrupting it, unpublished"
                            + " messages stay in the outbox", DRAIN_TIMEOUT.toSeconds());
                    thread.shutdown();
                }
            }
            // The relay deletes a row only once the broker acknowledged it, so anything still buffered belongs to
            // rows that stay in the outbox: dropping it costs at most a duplicate later, never a message.
            producer.close(Duration.ZERO);
        }

        private boolean awaitTermination(Duration timeout) {
            try {
                return thread.getScheduledExecutor().awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
