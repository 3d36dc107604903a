package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SagaClockTest {

    private static final long WALL_CLOCK = Instant.parse("2025-01-10T09:00:00Z").toEpochMilli();

    @Test
    void shouldStampATickWithTheWallClockAndKeyItByItsTasksPartition() {
        var tick = SagaClock.tick(4, WALL_CLOCK);

        assertThat(tick.key()).isEqualTo("4");
        assertThat(tick.value()).isEqualTo(new SagaClockTick(4, Instant.ofEpochMilli(WALL_CLOCK)));
        assertThat(tick.timestamp()).isEqualTo(WALL_CLOCK);
    }

    @Test
    void shouldSendEveryTickToThePartitionOfTheTaskThatSentIt() {
        var partitioner = new SagaClock.OwnPartition();

        for (int partition = 0; partition < Topics.PARTITIONS; partition++) {
            var tick = SagaClock.tick(partition, WALL_CLOCK);
            assertThat(partitioner.partitions(Topics.SAGA_CLOCK, tick.key(), tick.value(), Topics.PARTITIONS))
                    .contains(Set.of(partition));
        }
    }

    @Test
    void shouldRefuseATopicWithFewerPartitionsThanTheSagasTasks() {
        var tick = SagaClock.tick(5, WALL_CLOCK);

        assertThatThrownBy(() -> new SagaClock.OwnPartition()
                .partitions(Topics.SAGA_CLOCK, tick.key(), tick.value(), 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("saga-clock has 3 partitions")
                .hasMessageContaining("as many partitions as orders");
    }
}
