package dev.ordersaga.saga;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A record's time for the saga: the timestamp its producer gave it, but never later than now. Any client may
 * produce to {@code orders}, and stream time is the highest timestamp read, so one record stamped a year ahead
 * (a wrong clock, or on purpose) would otherwise expire every waiting order of its partition at once. A record
 * without a valid timestamp counts as read now.
 */
public class NoFutureTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long now = System.currentTimeMillis();
        long stamped = record.timestamp();
        return stamped < 0 ? now : Math.min(stamped, now);
    }
}
