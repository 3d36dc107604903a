package dev.ordersaga.order.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The thread that empties the outbox into Kafka. A committed order wakes it at once, so an order reaches the
 * broker milliseconds after its POST; a poll every {@code orders.outbox.poll-interval} picks up whatever no
 * wake-up announced. Several instances can relay side by side: each claims rows the others do not hold.
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
    private final long pollIntervalNanos;

    private volatile boolean running;
    private volatile Thread worker;
    /**
     * Set before unparking the relay. A bare unpark is not enough: code the relay runs while publishing (the
     * connection pool, the producer's futures) parks too and may swallow the permit.
     */
    private volatile boolean wakeUpRequested;
    /** The last round failed to read the outbox or to publish all it claimed: the database or broker is away. */
    private volatile boolean stalled;
    private Producer<String, byte[]> producer;

    OutboxRelay(OutboxPublisher publisher, KafkaProperties kafkaProperties, OutboxProperties properties) {
        this.publisher = publisher;
        this.producerConfig = producerConfig(kafkaProperties);
        this.pollIntervalNanos = properties.pollInterval().toNanos();
    }

    /**
     * The outbox holds bytes already serialized, so the relay uses its own byte-array producer rather than the
     * application's Avro template; idempotence keeps broker retries from duplicating or reordering messages.
     */
    private static Map<String, Object> producerConfig(KafkaProperties kafkaProperties) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "order-service-outbox");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    @TransactionalEventListener
    void onMessageAdded(OutboxMessageAdded event) {
        wakeUp();
    }

    void wakeUp() {
        wakeUpRequested = true;
        Thread relay = worker;
        if (relay != null) {
            LockSupport.unpark(relay);
        }
    }

    @Override
    public synchronized void start() {
        Producer<String, byte[]> newProducer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        producer = newProducer;
        stalled = false;
        running = true;
        worker = new Thread(() -> relayUntilStopped(newProducer), THREAD_NAME);
        worker.start();
        log.info("Outbox relay started, polling every {} ms besides wake-ups",
                Duration.ofNanos(pollIntervalNanos).toMillis());
    }

    @Override
    public synchronized void stop() {
        Thread relay = worker;
        running = false;
        if (stalled) {
            log.info("Stopping the outbox relay while the database or the broker is unreachable; unpublished"
                    + " messages stay in the outbox");
            relay.interrupt();
        } else {
            wakeUp();
        }
        if (!awaitEnd(relay, DRAIN_TIMEOUT)) {
            log.warn("Outbox relay did not finish publishing within {} s; interrupting it, unpublished messages"
                    + " stay in the outbox", DRAIN_TIMEOUT.toSeconds());
            relay.interrupt();
            if (!awaitEnd(relay, INTERRUPTED_STOP_TIMEOUT)) {
                log.warn("Outbox relay thread is still blocked in a database call; it ends when that returns");
            }
        }
        // The relay deletes a row only once the broker acknowledged it, so anything still buffered belongs to
        // rows that stay in the outbox: dropping it costs at most a duplicate later, never a message.
        producer.close(Duration.ZERO);
        log.info("Outbox relay stopped");
    }

    private static boolean awaitEnd(Thread relay, Duration timeout) {
        try {
            relay.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !relay.isAlive();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start before and stop after the web server, so orders accepted until shutdown are still relayed. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    private void relayUntilStopped(Producer<String, byte[]> producer) {
        while (isCurrentRelay()) {
            wakeUpRequested = false;
            OutboxPublisher.Batch batch = publishNextBatch(producer);
            if (isCurrentRelay() && !wakeUpRequested && !batch.moreWaiting()) {
                LockSupport.parkNanos(this, pollIntervalNanos);
            }
        }
        publishWhatIsLeft(producer);
    }

    /** A relay thread that outlived its stop() (hung in a database call) must not carry on after a restart. */
    private boolean isCurrentRelay() {
        return running && worker == Thread.currentThread();
    }

    /** Orders committed until the web server stopped go out now, unless the relay has no way to publish them. */
    private void publishWhatIsLeft(Producer<String, byte[]> producer) {
        OutboxPublisher.Batch batch;
        do {
            if (stalled || Thread.currentThread().isInterrupted()) {
                return;
            }
            batch = publishNextBatch(producer);
        } while (batch.moreWaiting());
    }

    private OutboxPublisher.Batch publishNextBatch(Producer<String, byte[]> producer) {
        try {
            OutboxPublisher.Batch batch = publisher.publishNextBatch(producer);
            stalled = batch.published() < batch.claimed();
            return batch;
        } catch (RuntimeException e) {
            stalled = true;
            if (running) {
                log.warn("Outbox relay could not read or update the outbox; retrying within {} ms",
                        Duration.ofNanos(pollIntervalNanos).toMillis(), e);
            } else {
                log.info("Outbox relay stopped without reaching the outbox; unpublished messages stay there: {}",
                        String.valueOf(e));
            }
            return OutboxPublisher.Batch.NONE;
        }
    }
}
