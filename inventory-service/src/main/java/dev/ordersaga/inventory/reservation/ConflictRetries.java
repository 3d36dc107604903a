package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messaging.Topics;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * The one way a conflicted command is tried again later: republished to the retry topic of its next attempt
 * ({@code inventory-commands-retry-0} for attempt 2, {@code -retry-1} for attempt 3, ...), keyed as before, with
 * header {@code retry_topic-attempts} = that attempt's number and {@code retry_topic-backoff-timestamp} = when it
 * is due. The retry topics' consumers handle a record once it is due (see {@link InventoryCommandListener}).
 *
 * <p>Due after {@code delay * multiplier^(n - 2)} for attempt n, capped at {@code max-delay}, spread by a jitter
 * drawn for each record (scaled like the delay, never below the base delay nor above the cap), so that the losers
 * of one race do not meet again all at once. The headers are those spring-kafka's retryable topics use, in the
 * same encoding, so that tools that know them read them here too.
 */
@Component
class ConflictRetries {

    private final ReservationProperties.Retry settings;
    private final Clock clock;

    ConflictRetries(ReservationProperties properties, Clock clock) {
        this.settings = properties.retry();
        this.clock = clock;
    }

    /** Every retry topic, in attempt order: one per attempt after the first. */
    List<String> topics() {
        return IntStream.range(0, settings.attempts() - 1).mapToObj(ConflictRetries::topic).toList();
    }

    /** Which attempt {@code record} is. */
    Attempt attemptOf(ConsumerRecord<?, ?> record) {
        return Attempt.of(record, settings.attempts());
    }

    /** The record that brings a command back for its next attempt, after {@code record} (this attempt) conflicted. */
    ProducerRecord<Object, Object> nextAttempt(ConsumerRecord<String, ?> record, Attempt attempt) {
        int next = attempt.number() + 1;
        Instant due = clock.instant().plus(delayBefore(next));
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS)
                    && !header.key().equals(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP)
                    && !header.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(Integer.BYTES).putInt(next).array());
        headers.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
                BigInteger.valueOf(due.toEpochMilli()).toByteArray());
        return new ProducerRecord<>(topic(next - 2), null, record.key(), record.value(), headers);
    }

    /** How long until {@code record} is due; zero or negative when it is (a record without a due time always is). */
    Duration untilDue(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
        if (header == null) {
            return Duration.ZERO;
        }
        return Duration.between(clock.instant(), Instant.ofEpochMilli(new BigInteger(header.value()).longValue()));
    }

    /** The pause before attempt {@code number} (2 or more). */
    Duration delayBefore(int number) {
        double scale = Math.pow(settings.multiplier(), number - 2);
        long delay = (long) (settings.delay().toMillis() * scale);
        long jitter = (long) (settings.jitter().toMillis() * scale);
        if (jitter > 0) {
            delay += ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        }
        long capped = Math.min(Math.max(delay, settings.delay().toMillis()), settings.maxDelay().toMillis());
        return Duration.ofMillis(capped);
    }

    private static String topic(int index) {
        return Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX + "-" + index;
    }
}
