package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class NoFutureTimestampsTest {

    private final NoFutureTimestamps extractor = new NoFutureTimestamps();

    @Test
    void shouldKeepAPastTimestamp() {
        long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

        assertThat(extractor.extract(stampedAt(anHourAgo), 0)).isEqualTo(anHourAgo);
    }

    @Test
    void shouldTakeNowForATimestampInTheFuture() {
        long before = System.currentTimeMillis();
        long extracted = extractor.extract(stampedAt(before + Duration.ofDays(365).toMillis()), 0);

        assertThat(extracted).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void shouldTakeNowForARecordWithoutATimestamp() {
        long before = System.currentTimeMillis();

        assertThat(extractor.extract(stampedAt(-1), 0)).isBetween(before, System.currentTimeMillis());
    }

    private static ConsumerRecord<Object, Object> stampedAt(long timestamp) {
        return new ConsumerRecord<>("orders", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "order-1", null,
                new RecordHeaders(), Optional.empty());
    }
}
