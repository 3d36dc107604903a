package dev.ordersaga.console.traffic;

import dev.ordersaga.console.KafkaReading;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.watch.TopicWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the saga's traffic on a thread of its own and feeds it to the statistics: {@code orders} and
 * {@code order-status} from their end as the console starts, the dead-letter topics from their beginning. Without a
 * consumer group (see {@link TopicWatch}): the console never shows up as lag and never disturbs the services.
 * Retries and the other topics are left unread: inventory-service counts its retries itself, and every record
 * read costs decoding.
 */
@Component
public class TrafficSampler implements SmartLifecycle {

    /** The topics whose records the statistics read. */
    static final List<String> TRAFFIC_TOPICS = List.of(Topics.ORDERS, Topics.ORDER_STATUS);

    private static final Logger log = LoggerFactory.getLogger(TrafficSampler.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaReading kafka;
    private final TrafficStatistics statistics;
    private final DeadLetterTally deadLetters;
    private final Clock clock;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String problem = "not started";

    public TrafficSampler(KafkaReading kafka, TrafficStatistics statistics, DeadLetterTally deadLetters, Clock clock) {
        this.kafka = kafka;
        this.statistics = statistics;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Why the console does not see the traffic now; {@code null} while it does. */
    public String problem() {
        return problem;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "traffic-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the sampler finish its poll and close its consumers; interrupts it only when it is stuck waiting for a
     * broker that is gone (an interrupted consumer cannot close cleanly).
     */
    @Override
    public void stop() {
        running = false;
        Thread sampler = thread;
        if (sampler == null) {
            return;
        }
        try {
            sampler.join(STOP_TIMEOUT.toMillis());
            if (sampler.isAlive()) {
                sampler.interrupt();
                sampler.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (TopicWatch traffic = new TopicWatch(kafka.consumerConfig("traffic"), TRAFFIC_TOPICS, false);
                 TopicWatch deadLetterTopics = new TopicWatch(kafka.consumerConfig("dead-letters"),
                         DeadLetterTally.TOPICS, true)) {
                deadLetters.reset(); // counted afresh from the beginning by the new watch
                problem = null;
                while (running) {
                    statistics.record(traffic.poll(POLL_TIMEOUT), clock.instant());
                    deadLetters.record(deadLetterTopics.poll(Duration.ZERO));
                }
            } catch (InterruptException e) {
                return;
            } catch (RuntimeException e) {
                // The broker is not there (yet), most likely: the page says so, and the watch starts again.
                problem = "Cannot read the saga's topics: " + e.getMessage();
                log.warn("{}; trying again in {} s", problem, RETRY_PAUSE.toSeconds());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
