package dev.ordersaga.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.stock.ProductStock;
import dev.ordersaga.messages.CommitInventory;
import dev.ordersaga.messages.InventoryCommitted;
import dev.ordersaga.messages.InventoryReleased;
import dev.ordersaga.messages.InventoryReservationFailed;
import dev.ordersaga.messages.InventoryReserved;
import dev.ordersaga.messages.ReleaseInventory;
import dev.ordersaga.messages.ReservationFailureReason;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.DatabaseOutage;
import dev.ordersaga.testing.KafkaTestClient;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/** Commands in, answers out, through the real broker. */
class InventoryCommandListenerTest extends InventoryIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a command may take to reach the listener while the database is away: a consumer group still
     * settling after another test context stopped consuming can hold its partition that long on a busy machine.
     */
    private static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaTestClient kafka = KafkaTestClient.forSharedBroker();

    @Autowired
    private DataSource dataSource;

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void shouldPublishInventoryReservedAndMoveStockToReservedWhenStockSuffices() {
        String product = newProduct(10);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 3)));

            assertThat(events.awaitMessage(InventoryReserved.class, orderId, TIMEOUT).getOrderId()).isEqualTo(orderId);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 0, 1));
    }

    @Test
    void shouldPublishOutOfStockAndLeaveStockUntouchedWhenOrderExceedsAvailableStock() {
        String product = newProduct(2);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 5)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
            assertThat(failed.getDetail()).isEqualTo(product + ": requested 5, available 2");
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 2, 0, 0, 0));
    }

    @Test
    void shouldPublishUnknownProductWhenOrderNamesAProductThatDoesNotExist() {
        String known = newProduct(10);
        String unknown = "no-such-product-" + orderSuffix();
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(known, 1), line(unknown, 1)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.UNKNOWN_PRODUCT);
            assertThat(failed.getDetail()).contains(unknown).doesNotContain(known);
        }
        assertThat(stockOf(known)).isEqualTo(new ProductStock(known, 10, 0, 0, 0));
    }

    @Test
    void shouldReserveNoLineWhenOneLineOfTheOrderIsShort() {
        String plenty = newProduct(10);
        String scarce = newProduct(1);
        String orderId = newOrderId();

        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(plenty, 3), line(scarce, 2)));

            var failed = events.awaitMessage(InventoryReservationFailed.class, orderId, TIMEOUT);
            assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.OUT_OF_STOCK);
            assertThat(failed.getDetail()).isEqualTo(scarce + ": requested 2, available 1");
        }
        assertThat(stockOf(plenty)).isEqualTo(new ProductStock(plenty, 10, 0, 0, 0));
        assertThat(stockOf(scarce)).isEqualTo(new ProductStock(scarce, 1, 0, 0, 0));
    }

    @Test
    void shouldReserveOnceAndPublishTheSameOutcomeAgainWhenACommandIsDeliveredTwice() {
        String product = newProduct(10);
        String orderId = newOrderId();
        var command = reserve(orderId, line(product, 3));

        List<SpecificRecord> answers = answersTo(orderId, command, command);

        assertThat(answers).allMatch(InventoryReserved.class::isInstance);
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 0, 1));
    }

    @Test
    void shouldDeadLetterAnUndecodableCommandWithTheExceptionInHeadersAndGoOnWithTheNextOne() {
        String product = newProduct(10);
        String orderId = newOrderId();
        byte[] garbage = "not an order-saga message".getBytes(StandardCharsets.UTF_8);
        double deadLettersBefore = counted("ordersaga.inventory.dead.letters", "exception", "DeserializationException");

        try (var records = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT, Topics.INVENTORY_EVENTS)) {
            // Same key, so the valid command lands on the same partition, behind the poison record.
            kafka.sendRaw(Topics.INVENTORY_COMMANDS, orderId, garbage);
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 1)));

            var deadLetter = records.await(record -> record.topic().equals(Topics.INVENTORY_COMMANDS_DLT)
                    && orderId.equals(record.key()), TIMEOUT);
            assertThat(deadLetter.value()).isEqualTo(garbage);
            // Header names of spring-kafka's retry-topic dead-lettering, which this service uses too.
            assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_FQCN)).endsWith("DeserializationException");
            assertThat(header(deadLetter, KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.INVENTORY_COMMANDS);
            records.awaitMessage(InventoryReserved.class, orderId, TIMEOUT);
        }
        assertThat(stockOf(product).reserved()).isEqualTo(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(counted("ordersaga.inventory.dead.letters",
                "exception", "DeserializationException")).isEqualTo(deadLettersBefore + 1));
    }

    @Test
    void shouldDeadLetterOnlyThePoisonRecordsOfABatchAndAnswerEveryOtherCommand() {
        String product = newProduct(10);
        String orderId = newOrderId();
        String releasedOrder = newOrderId();
        byte[] garbage = "not an order-saga message either".getBytes(StandardCharsets.UTF_8);
        String unstorableOrderId = "o".repeat(StockReserver.MAX_ID_LENGTH + 1);

        try (var records = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT, Topics.INVENTORY_EVENTS)) {
            // One key: one partition, so that the records arrive in this order, most likely in one poll.
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 2)));
            kafka.sendRaw(Topics.INVENTORY_COMMANDS, orderId, garbage);
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new ReleaseInventory(unstorableOrderId, "EXPIRED"));
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new CommitInventory(orderId));
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new ReleaseInventory(releasedOrder, "EXPIRED"));

            await().atMost(TIMEOUT).until(() -> records.drain(Duration.ofMillis(100)).stream()
                    .filter(record -> orderId.equals(record.key())).count() >= 5);
            List<ConsumerRecord<String, byte[]>> seen = records.drain(Duration.ofMillis(500));
            List<ConsumerRecord<String, byte[]>> deadLetters = seen.stream()
                    .filter(record -> record.topic().equals(Topics.INVENTORY_COMMANDS_DLT)
                            && orderId.equals(record.key()))
                    .toList();
            assertThat(deadLetters).hasSize(2);
            assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
            assertThat(header(deadLetters.get(0), KafkaHeaders.EXCEPTION_FQCN)).endsWith("DeserializationException");
            assertThat(header(deadLetters.get(1), KafkaHeaders.EXCEPTION_CAUSE_FQCN))
                    .isEqualTo(InapplicableCommandException.class.getName());
            List<SpecificRecord> answers = seen.stream()
                    .filter(record -> record.topic().equals(Topics.INVENTORY_EVENTS)
                            && (orderId.equals(record.key()) || releasedOrder.equals(record.key())))
                    .map(records::decode)
                    .toList();
            assertThat(answers).hasSize(3);
            assertThat(answers.get(0)).isInstanceOf(InventoryReserved.class);
            assertThat(answers.get(1)).isInstanceOf(InventoryCommitted.class);
            assertThat(answers.get(2)).isInstanceOf(InventoryReleased.class);
        }
        ProductStock after = stockOf(product);
        assertThat(List.of(after.available(), after.reserved(), after.committed())).containsExactly(8, 0, 2);
    }

    @Test
    void shouldSendAConflictedCommandToTheRetryTopicOfItsNextAttemptAndAnswerItFromThere() {
        String product = newProductConflictingOnFirstUpdates(5, 1);
        String orderId = newOrderId();
        String firstRetryTopic = Topics.INVENTORY_COMMANDS + Topics.RETRY_TOPIC_SUFFIX + "-0";
        double secondAttemptsBefore = counted("ordersaga.inventory.retries", "attempt", "2");

        try (var records = kafka.readFromNow(firstRetryTopic, Topics.INVENTORY_EVENTS)) {
            long sentAt = System.currentTimeMillis();
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 1)));

            var retry = records.await(record -> record.topic().equals(firstRetryTopic)
                    && orderId.equals(record.key()), TIMEOUT);
            assertThat(ByteBuffer.wrap(retry.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS).value())
                    .getInt()).isEqualTo(2);
            long dueAt = new BigInteger(retry.headers().lastHeader(
                    RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP).value()).longValue();
            assertThat(dueAt).isGreaterThan(sentAt);
            assertThat(records.decode(retry)).isEqualTo(reserve(orderId, line(product, 1)));

            records.awaitMessage(InventoryReserved.class, orderId, TIMEOUT);
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 4, 1, 0, 1));
        assertThat(counted("ordersaga.inventory.retries", "attempt", "2")).isEqualTo(secondAttemptsBefore + 1);
    }

    @Test
    void shouldDeadLetterAMessageThatIsNotAnInventoryCommandAsADeserializationFailure() {
        String orderId = newOrderId();
        double deadLettersBefore = counted("ordersaga.inventory.dead.letters", "exception", "DeserializationException");

        try (var deadLetters = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new InventoryReleased(orderId, Instant.now()));

            // Rejected by the deserializer, as the topic catalogue declares, like a record that is no message.
            var deadLetter = deadLetters.await(record -> orderId.equals(record.key()), TIMEOUT);
            assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_FQCN)).endsWith("DeserializationException");
            assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_MESSAGE))
                    .contains("is a InventoryReleased, which does not belong there");
            assertThat(deadLetters.decode(deadLetter)).isInstanceOf(InventoryReleased.class);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(counted("ordersaga.inventory.dead.letters",
                "exception", "DeserializationException")).isEqualTo(deadLettersBefore + 1));
    }

    @Test
    void shouldAnswerCommandThatArrivedWhileDatabaseWasAwayOnceItIsBackAndDeadLetterNothing() throws Exception {
        String product = newProduct(10);
        String orderId = newOrderId();
        long failedBefore = failedDeliveries();

        try (var records = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT, Topics.INVENTORY_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            try (var outage = DatabaseOutage.begin("inventory", dataSource, Duration.ofMillis(500))) {
                kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 3)));

                // Tried at least twice while the database was away (or, wrongly, answered or dead-lettered).
                await().atMost(OUTAGE_TIMEOUT).until(() -> {
                    seen.addAll(records.drain(Duration.ofMillis(100)));
                    return failedDeliveries() >= failedBefore + 2
                            || seen.stream().anyMatch(record -> orderId.equals(record.key()));
                });
            }

            var first = seen.stream().filter(record -> orderId.equals(record.key())).findFirst()
                    .orElseGet(() -> records.await(record -> orderId.equals(record.key()), TIMEOUT));
            assertThat(first.topic()).isEqualTo(Topics.INVENTORY_EVENTS);
            assertThat(records.decode(first)).isInstanceOf(InventoryReserved.class);
            assertThat(records.drain(Duration.ofSeconds(1))).noneMatch(record -> orderId.equals(record.key())
                    && record.topic().equals(Topics.INVENTORY_COMMANDS_DLT));
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 3, 0, 1));
    }

    @Test
    void shouldGiveStockBackOnceAndAnswerTheSameInventoryReleasedWhenAReleaseIsDeliveredTwice() {
        String product = newProduct(10);
        String orderId = newOrderId();
        var release = new ReleaseInventory(orderId, "CANCELLED");

        List<SpecificRecord> answers = answersTo(orderId, reserve(orderId, line(product, 3)), release, release);

        assertThat(answers.get(0)).isInstanceOf(InventoryReserved.class);
        assertThat(answers.subList(1, 3)).allMatch(InventoryReleased.class::isInstance);
        assertThat(answers.get(2)).isEqualTo(answers.get(1));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 2));
    }

    @Test
    void shouldTakeStockOutOnceAndAnswerTheSameInventoryCommittedWhenACommitIsDeliveredTwice() {
        String product = newProduct(10);
        String orderId = newOrderId();

        List<SpecificRecord> answers = answersTo(orderId, reserve(orderId, line(product, 3)),
                new CommitInventory(orderId), new CommitInventory(orderId));

        assertThat(answers.subList(1, 3)).allMatch(InventoryCommitted.class::isInstance);
        assertThat(answers.get(2)).isEqualTo(answers.get(1));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 0, 3, 2));
    }

    @Test
    void shouldReserveNothingWhenTheOrderWasReleasedBeforeItsReservationArrived() {
        String product = newProduct(10);
        String orderId = newOrderId();

        List<SpecificRecord> answers = answersTo(orderId, new ReleaseInventory(orderId, "EXPIRED"),
                reserve(orderId, line(product, 3)));

        assertThat(answers.get(0)).isInstanceOf(InventoryReleased.class);
        assertThat(answers.get(1)).isInstanceOfSatisfying(InventoryReservationFailed.class,
                failed -> assertThat(failed.getReason()).isEqualTo(ReservationFailureReason.INVALID_ORDER));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 10, 0, 0, 0));
    }

    @Test
    void shouldDeadLetterACommitOfAnOrderThatHoldsNoStockAndChangeNothing() {
        String product = newProduct(1);
        String orderId = newOrderId();

        try (var records = kafka.readFromNow(Topics.INVENTORY_COMMANDS_DLT, Topics.INVENTORY_EVENTS)) {
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, reserve(orderId, line(product, 2)));
            kafka.send(Topics.INVENTORY_COMMANDS, orderId, new CommitInventory(orderId));

            var deadLetter = records.await(record -> record.topic().equals(Topics.INVENTORY_COMMANDS_DLT)
                    && orderId.equals(record.key()), TIMEOUT);
            assertThat(records.decode(deadLetter)).isEqualTo(new CommitInventory(orderId));
            assertThat(header(deadLetter, KafkaHeaders.EXCEPTION_MESSAGE)).contains("REJECTED (OUT_OF_STOCK)");
        }
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 1, 0, 0, 0));
    }

    @Test
    void shouldAnswerInventoryCommittedAgainWhenACommittedOrderIsReleased() {
        String product = newProduct(10);
        String orderId = newOrderId();

        List<SpecificRecord> answers = answersTo(orderId, reserve(orderId, line(product, 3)),
                new CommitInventory(orderId), new ReleaseInventory(orderId, "EXPIRED"));

        assertThat(answers.subList(1, 3)).allMatch(InventoryCommitted.class::isInstance);
        assertThat(answers.get(2)).isEqualTo(answers.get(1));
        assertThat(stockOf(product)).isEqualTo(new ProductStock(product, 7, 0, 3, 2));
    }

    /**
     * Sends the order's commands one after the other and returns the answers, one per command, in order; fails when
     * a further answer comes within a moment.
     */
    private List<SpecificRecord> answersTo(String orderId, SpecificRecord... commands) {
        try (var events = kafka.readFromNow(Topics.INVENTORY_EVENTS)) {
            for (SpecificRecord command : commands) {
                kafka.send(Topics.INVENTORY_COMMANDS, orderId, command);
            }
            await().atMost(TIMEOUT).until(() -> answersFor(events, orderId, Duration.ofMillis(100)).size()
                    >= commands.length);
            List<SpecificRecord> answers = answersFor(events, orderId, Duration.ofMillis(500));
            assertThat(answers).as("answers for %s", orderId).hasSize(commands.length);
            return answers;
        }
    }

    private static List<SpecificRecord> answersFor(KafkaTestClient.TopicReader events, String orderId,
            Duration quietPeriod) {
        return events.drain(quietPeriod).stream()
                .filter(record -> orderId.equals(record.key()))
                .map(events::decode)
                .toList();
    }

    /** Deliveries of a record to any of the listener's containers that ended in an exception. */
    private long failedDeliveries() {
        return registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String orderSuffix() {
        return newOrderId().substring("order-".length());
    }
}
