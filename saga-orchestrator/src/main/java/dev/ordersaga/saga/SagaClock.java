package dev.ordersaga.saga;

import dev.ordersaga.messages.SagaClockTick;
import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The saga's timers run on stream time, never on the wall clock: a task's stream time is the highest timestamp of
 * the records it has read, so a deadline is judged only once everything stamped before it has been read. After
 * an outage the orchestrator therefore reads the payments that came in meanwhile before it expires anything, and
 * a payment order-service accepted before the deadline is honoured however long the orchestrator was away.
 *
 * <p>That rests on how Kafka Streams picks a task's next record: the one with the lowest timestamp at the head of
 * its input partitions, and, with {@code max.task.idle.ms=0} (the default), only once every input partition
 * either has records buffered or is known to have none left on the broker: a partition whose last fetch reported
 * a lag holds the task back until those records are fetched ({@code PartitionGroup.readyToProcess} in
 * kafka-streams 4.2, from KIP-695). Stream time thus never passes a record already in an input partition.
 *
 * <p>With no orders coming, stream time would stand still; so each task sends itself a heartbeat, a
 * {@link SagaClockTick} stamped with the wall clock, every {@code saga.clock-tick-interval}. It goes through the
 * {@link Topics#SAGA_CLOCK} topic like any input, to the task's own partition, and is read in timestamp order with
 * the rest: the wall clock only ever moves stream time past what was already in the topics. Under exactly-once
 * a heartbeat commits with the task's transaction, like everything else the task sends.
 */
final class SagaClock {

    private SagaClock() {
    }

    /** A heartbeat of the task of {@code partition}, keyed and stamped for {@link OwnPartition}. */
    static Record<String, SpecificRecord> tick(int partition, long wallClockTime) {
        return new Record<>(String.valueOf(partition),
                new SagaClockTick(partition, Instant.ofEpochMilli(wallClockTime)), wallClockTime);
    }

    /**
     * Sends a heartbeat to the partition its key names: the sending task's own, the only one whose stream time it
     * must move (the default partitioner would hash the key to any partition).
     */
    static final class OwnPartition implements StreamPartitioner<String, SpecificRecord> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, SpecificRecord tick, int numPartitions) {
            int partition = Integer.parseInt(key);
            if (partition >= numPartitions) {
                throw new IllegalStateException(topic + " has " + numPartitions + " partitions but the saga's task "
                        + "of partition " + partition + " ticks on it: give it as many partitions as "
                        + Topics.ORDERS + " and the saga's other input topics");
            }
            return Optional.of(Set.of(partition));
        }
    }
}
