package dev.ordersaga.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.messages.OrderLine;
import dev.ordersaga.messages.OrderPlaced;
import dev.ordersaga.messages.OrderStatus;
import dev.ordersaga.messages.OrderStatusChanged;
import dev.ordersaga.messaging.MessageJson;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.watch.WatchedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TrafficStatisticsTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("p-1", 2), new OrderLine("p-3", 1));

    private final TrafficStatistics statistics = new TrafficStatistics(1000, 3, 100, 10, START);
    private long offset;

    @Test
    void shouldCountEachOrderOnceByItsLatestStatus() {
        feed(placed("o-1", START), placed("o-2", START), placed("o-3", START),
                status("o-1", OrderStatus.AWAITING_PAYMENT, START.plusMillis(100)),
                status("o-2", OrderStatus.AWAITING_PAYMENT, START.plusMillis(100)),
                status("o-2", OrderStatus.PAID, START.plusMillis(900)),
                status("o-3", OrderStatus.FAILED, START.plusMillis(50)));

        TrafficStatistics.TrafficSnapshot snapshot = statistics.snapshot(START.plusSeconds(1));

        assertThat(snapshot.statusCounts()).containsExactly(
                entry("PENDING", 0), entry("AWAITING_PAYMENT", 1), entry("PAID", 1), entry("CANCELLED", 0),
                entry("EXPIRED", 0), entry("FAILED", 1));
        assertThat(snapshot.trackedOrders()).isEqualTo(3);
    }

    @Test
    void shouldCountAnOrderPendingFromItsOrderPlacedUntilTheSagaAnnouncesAStatus() {
        feed(placed("o-1", START));

        assertThat(statistics.snapshot(START).statusCounts()).containsEntry("PENDING", 1L);

        feed(status("o-1", OrderStatus.AWAITING_PAYMENT, START.plusMillis(80)));

        assertThat(statistics.snapshot(START).statusCounts()).containsEntry("PENDING", 0L)
                .containsEntry("AWAITING_PAYMENT", 1L);
    }

    @Test
    void shouldKeepTheSagasStatusWhenTheOrderPlacedIsReadAfterIt() {
        feed(status("o-1", OrderStatus.AWAITING_PAYMENT, START.plusMillis(120)), placed("o-1", START));

        TrafficStatistics.TrafficSnapshot snapshot = statistics.snapshot(START.plusSeconds(1));

        assertThat(snapshot.statusCounts()).containsEntry("AWAITING_PAYMENT", 1L).containsEntry("PENDING", 0L);
        assertThat(snapshot.settle().samples()).isEqualTo(1);
        assertThat(snapshot.settle().p50Millis()).isEqualTo(120);
    }

    @Test
    void shouldMeasureTimeToSettleToTheFirstAwaitingPaymentOrFailed() {
        List<WatchedRecord> records = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String orderId = "o-" + i;
            records.add(placed(orderId, START));
            // 10 ms, 20 ms, ... 1000 ms to settle; half of them fail instead of awaiting payment.
            records.add(status(orderId, i % 2 == 0 ? OrderStatus.AWAITING_PAYMENT : OrderStatus.FAILED,
                    START.plusMillis(10L * i)));
            // A later status does not settle the order again.
            records.add(status(orderId, OrderStatus.PAID, START.plusSeconds(60)));
        }
        feed(records.toArray(WatchedRecord[]::new));

        SettleLatencies.Settle settle = statistics.snapshot(START.plusSeconds(61)).settle();

        assertThat(settle.samples()).isEqualTo(100);
        assertThat(settle.p50Millis()).isEqualTo(500);
        assertThat(settle.p99Millis()).isEqualTo(990);
    }

    @Test
    void shouldNotMeasureOrdersPlacedBeforeTheConsoleWatched() {
        // Placed before the console started: only its statuses are seen, and a FAILED may follow an unseen
        // AWAITING_PAYMENT (a declined payment), which would be no time to settle at all.
        feed(status("o-old", OrderStatus.FAILED, START.plusSeconds(30)));

        TrafficStatistics.TrafficSnapshot snapshot = statistics.snapshot(START.plusSeconds(31));

        assertThat(snapshot.statusCounts()).containsEntry("FAILED", 1L);
        assertThat(snapshot.settle().samples()).isZero();
        assertThat(snapshot.recentOrders().get(0).settleMillis()).isNull();
    }

    @Test
    void shouldListOnlyTheNewestOrdersNewestFirst() {
        feed(placed("o-1", START), placed("o-2", START), placed("o-3", START), placed("o-4", START),
                status("o-4", OrderStatus.FAILED, START.plusMillis(40)));

        List<TrafficStatistics.RecentOrder> recent = statistics.snapshot(START.plusSeconds(1)).recentOrders();

        assertThat(recent).extracting(TrafficStatistics.RecentOrder::orderId).containsExactly("o-4", "o-3", "o-2");
        assertThat(recent.get(0)).isEqualTo(new TrafficStatistics.RecentOrder("o-4", "FAILED", "OUT_OF_STOCK",
                "p-1 ×2, p-3 ×1", START, 40L));
    }

    @Test
    void shouldForgetTheFirstSeenOrdersBeyondItsLimitAndUncountThem() {
        TrafficStatistics small = new TrafficStatistics(2, 2, 10, 10, START);
        small.record(List.of(placed("o-1", START), placed("o-2", START),
                status("o-2", OrderStatus.AWAITING_PAYMENT, START.plusMillis(5)), placed("o-3", START)), START);

        TrafficStatistics.TrafficSnapshot snapshot = small.snapshot(START);

        assertThat(snapshot.trackedOrders()).isEqualTo(2);
        assertThat(snapshot.statusCounts()).containsEntry("PENDING", 1L).containsEntry("AWAITING_PAYMENT", 1L);
    }

    @Test
    void shouldKeepTheLatestSettleTimesOnly() {
        TrafficStatistics few = new TrafficStatistics(1000, 3, 2, 10, START);
        few.record(List.of(placed("o-1", START), status("o-1", OrderStatus.FAILED, START.plusSeconds(9)),
                placed("o-2", START), status("o-2", OrderStatus.FAILED, START.plusMillis(100)),
                placed("o-3", START), status("o-3", OrderStatus.FAILED, START.plusMillis(200))), START);

        SettleLatencies.Settle settle = few.snapshot(START).settle();

        assertThat(settle.samples()).isEqualTo(2);
        assertThat(settle.p99Millis()).isEqualTo(200);
    }

    @Test
    void shouldRateOrdersPlacedOverTheWholeSecondsOfItsWindow() {
        for (int second = 0; second < 20; second++) {
            List<WatchedRecord> placedThisSecond = new ArrayList<>();
            for (int i = 0; i < (second < 10 ? 2 : 5); i++) {
                placedThisSecond.add(placed("o-" + second + "-" + i, START.plusSeconds(second)));
            }
            statistics.record(placedThisSecond, START.plusSeconds(second).plusMillis(300));
        }

        // The last ten whole seconds (10..19) placed 5 a second; the second in progress is not counted.
        assertThat(statistics.snapshot(START.plusSeconds(20).plusMillis(100)).ordersPerSecond()).isEqualTo(5.0);
        // Two seconds after the start: the two whole seconds since.
        TrafficStatistics fresh = new TrafficStatistics(1000, 3, 10, 10, START);
        fresh.record(List.of(placed("a", START), placed("b", START), placed("c", START.plusSeconds(1))),
                START.plusMillis(500));
        assertThat(fresh.snapshot(START.plusSeconds(2)).ordersPerSecond()).isEqualTo(1.5);
    }

    @Test
    void shouldIgnoreOtherMessagesAndRecordsWithoutAValue() {
        feed(new WatchedRecord(Topics.ORDERS, 0, offset++, START, "o-1", null, null, "cannot decode", 12));

        assertThat(statistics.snapshot(START).trackedOrders()).isZero();
    }

    private void feed(WatchedRecord... records) {
        statistics.record(List.of(records), START);
    }

    private WatchedRecord placed(String orderId, Instant placedAt) {
        return record(Topics.ORDERS, orderId, placedAt, new OrderPlaced(orderId, "c-1", LINES, placedAt, true));
    }

    private WatchedRecord status(String orderId, OrderStatus status, Instant changedAt) {
        String reason = status == OrderStatus.FAILED ? "OUT_OF_STOCK" : null;
        return record(Topics.ORDER_STATUS, orderId, changedAt,
                new OrderStatusChanged(orderId, "c-1", LINES, status, reason, START, changedAt));
    }

    private WatchedRecord record(String topic, String key, Instant timestamp, SpecificRecord message) {
        return new WatchedRecord(topic, 0, offset++, timestamp, key, message.getSchema().getName(),
                MessageJson.toTree(message), null);
    }

    private static Map.Entry<String, Long> entry(String status, long count) {
        return Map.entry(status, count);
    }
}
