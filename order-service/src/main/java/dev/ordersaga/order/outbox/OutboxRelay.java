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
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final OutboxPublisher publisher;
    private final Map<String, Object> producerConfig;
    private final long pollIntervalNanos;

    private volatile boolean running;
    private volatile Thread worker;
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
        Thread relay = worker;
        if (relay != null) {
            LockSupport.unpark(relay);
        }
    }

    @Override
    public synchronized void start() {
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.start();
        log.info("Outbox relay started, polling every {} ms besides wake-ups",
                Duration.ofNanos(pollIntervalNanos).toMillis());
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread relay = worker;
        LockSupport.unpark(relay);
        try {
            relay.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Fails sends still waiting (broker unreachable), which ends the relay's batch: those rows stay.
        producer.close(Duration.ofSeconds(5));
        worker = null;
        log.info("Outbox relay stopped");
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

    private void relayUntilStopped() {
        while (running) {
            if (!publishNextBatch().moreWaiting()) {
                // A wake-up that came while publishing makes this return at once, so none is lost.
                LockSupport.parkNanos(this, pollIntervalNanos);
            }
        }
        // Orders committed while stopping go out now; anything left waits for the next start or another instance.
        publishNextBatch();
    }

    private OutboxPublisher.Batch publishNextBatch() {
        try {
            return publisher.publishNextBatch(producer);
        } catch (RuntimeException e) {
            log.warn("Outbox relay could not read or update the outbox; retrying within {} ms",
                    Duration.ofNanos(pollIntervalNanos).toMillis(), e);
            return OutboxPublisher.Batch.NONE;
        }
    }
}
