package dev.ordersaga.inventory.reservation;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Which delivery of a command this is: 1 on {@code inventory-commands}, 2 on {@code inventory-commands-retry-0},
 * and so on. On the last one a conflict is no longer retried.
 *
 * @param number this attempt, from 1
 * @param of how many attempts a command gets ({@code inventory.reservation.retry.attempts})
 */
public record Attempt(int number, int of) {

    /**
     * The attempt of {@code record}, from the header {@link ConflictRetries} sets when it republishes a command to a
     * retry topic (a 4-byte big-endian int); a record without it is on its first attempt.
     */
    static Attempt of(ConsumerRecord<?, ?> record, int maxAttempts) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        int number = header != null && header.value().length == Integer.BYTES
                ? ByteBuffer.wrap(header.value()).getInt()
                : 1;
        return new Attempt(number, maxAttempts);
    }

    boolean isRetry() {
        return number > 1;
    }

    boolean isLast() {
        return number >= of;
    }

    @Override
    public String toString() {
        return number + " of " + of;
    }
}
