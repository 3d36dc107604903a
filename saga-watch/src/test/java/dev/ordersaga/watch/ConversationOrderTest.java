package dev.ordersaga.watch;

import static dev.ordersaga.watch.SampleMessages.AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messaging.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {

    @Test
    void shouldPutEarlierRecordsFirstWhateverTheirTopic() {
        List<WatchedRecord> records = sorted(
                record(Topics.ORDERS, AT.plusMillis(5), 9),
                record(Topics.ORDER_STATUS, AT, 1));

        assertThat(records).extracting(WatchedRecord::topic).containsExactly(Topics.ORDER_STATUS, Topics.ORDERS);
    }

    @Test
    void shouldPutWhatTheSagaReadsBeforeWhatItSendsAtTheSameInstant() {
        // The orchestrator stamps CommitInventory with the timestamp of the PaymentAuthorized it answers.
        List<WatchedRecord> records = sorted(
                record(Topics.ORDER_STATUS, AT, 0),
                record(Topics.INVENTORY_COMMANDS, AT, 0),
                record(Topics.PAYMENT_EVENTS, AT, 0),
                record(Topics.INVENTORY_EVENTS, AT, 0),
                record(Topics.ORDERS, AT, 0));

        assertThat(records).extracting(WatchedRecord::topic).containsExactly(Topics.ORDERS,
                Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS, Topics.INVENTORY_COMMANDS, Topics.ORDER_STATUS);
    }

    @Test
    void shouldPutRetriesThenDeadLettersLastAtTheSameInstantAndOneTopicsRecordsByOffset() {
        List<WatchedRecord> records = sorted(
                record(Topics.SAGA_DLT, AT, 0),
                record("inventory-commands-retry-0", AT, 0),
                record(Topics.ORDERS, AT, 8),
                record(Topics.ORDERS, AT, 7));

        assertThat(records).extracting(record -> record.topic() + "@" + record.offset()).containsExactly(
                "orders@7", "orders@8", "inventory-commands-retry-0@0", "saga-orchestrator-dlt@0");
    }

    private static List<WatchedRecord> sorted(WatchedRecord... records) {
        List<WatchedRecord> list = new ArrayList<>(List.of(records));
        list.sort(ConversationOrder.COMPARATOR);
        return list;
    }

    private static WatchedRecord record(String topic, Instant timestamp, long offset) {
        return new WatchedRecord(topic, 0, offset, timestamp, "o-1", null, null, null);
    }
}
