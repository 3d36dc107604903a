package dev.ordersaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.messages.AuthorizePayment;
import dev.ordersaga.messages.PaymentAuthorized;
import dev.ordersaga.messages.PaymentDeclined;
import dev.ordersaga.messages.PaymentMethod;
import dev.ordersaga.messages.PaymentVoided;
import dev.ordersaga.messages.VoidPayment;
import dev.ordersaga.messaging.Topics;
import dev.ordersaga.testing.KafkaTestClient;
import dev.ordersaga.testing.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service against the shared real broker: commands in, answers out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "payment.simulator.slow-answer-delay=2s")
class PaymentCommandListenerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SLOW_ANSWER_DELAY = Duration.ofSeconds(2);

    private final KafkaTestClient kafka = KafkaTestClient.forSharedBroker();

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void shouldAuthorizeANormalCardForTheCommandsPayment() {
        String orderId = newOrderId();
        String paymentId = newPaymentId();
        double authorizedBefore = counted("ordersaga.payment.decisions", "outcome", "authorized");

        try (var events = kafka.readFromNow(Topics.PAYMENT_EVENTS)) {
            kafka.send(Topics.PAYMENT_COMMANDS, orderId, authorize(orderId, paymentId, "4242"));

            var authorized = events.awaitMessage(PaymentAuthorized.class, orderId, TIMEOUT);
            assertThat(authorized.getOrderId()).isEqualTo(orderId);
            assertThat(authorized.getPaymentId()).isEqualTo(paymentId);
            assertThat(authorized.getAuthorizationCode()).isEqualTo(TestCardRules.authorizationCode(paymentId));
        }
        assertCountedSoon("ordersaga.payment.decisions", authorizedBefore + 1, "outcome", "authorized");
    }

    @Test
    void shouldAnswerARepeatedAuthorizePaymentWithTheSameAuthorization() {
        String orderId = newOrderId();
        var command = authorize(orderId, newPaymentId(), "4242");

        List<SpecificRecord> answers = answersTo(orderId, command, command);

        assertThat(answers).allMatch(PaymentAuthorized.class::isInstance);
        // Identical but for the time each answer was given.
        assertThat(answers).map(answer -> withoutTimestamp((PaymentAuthorized) answer)).containsOnly(
                withoutTimestamp((PaymentAuthorized) answers.get(0)));
    }

    @ParameterizedTest
    @CsvSource({"0002, card_declined", "9995, insufficient_funds"})
    void shouldDeclineADeclinedTestCardWithItsDeclineCode(String cardLast4, String declineCode) {
        String orderId = newOrderId();
        String paymentId = newPaymentId();
        double declinedBefore = counted("ordersaga.payment.decisions", "outcome", "declined");

        try (var events = kafka.readFromNow(Topics.PAYMENT_EVENTS)) {
            kafka.send(Topics.PAYMENT_COMMANDS, orderId, authorize(orderId, paymentId, cardLast4));

            var declined = events.awaitMessage(PaymentDeclined.class, orderId, TIMEOUT);
            assertThat(declined.getPaymentId()).isEqualTo(paymentId);
            assertThat(declined.getDeclineCode()).isEqualTo(declineCode);
        }
        assertCountedSoon("ordersaga.payment.decisions", declinedBefore + 1, "outcome", "declined");
    }

    @Test
    void shouldAnswerASlowCardAfterTheDelayWithoutHoldingUpTheOrdersBehindIt() {
        String slowOrderId = newOrderId();
        String nextOrderId = orderIdOnTheSamePartitionAs(slowOrderId);

        try (var records = kafka.readFromNow(Topics.PAYMENT_COMMANDS, Topics.PAYMENT_EVENTS)) {
            kafka.send(Topics.PAYMENT_COMMANDS, slowOrderId, authorize(slowOrderId, newPaymentId(), "0077"));
            kafka.send(Topics.PAYMENT_COMMANDS, nextOrderId, authorize(nextOrderId, newPaymentId(), "4242"));

            var slowCommand = records.await(record -> isOn(record, Topics.PAYMENT_COMMANDS, slowOrderId), TIMEOUT);
            var nextCommand = records.await(record -> isOn(record, Topics.PAYMENT_COMMANDS, nextOrderId), TIMEOUT);
            assertThat(nextCommand.partition()).as("one consumer thread handles both").isEqualTo(slowCommand.partition());

            var slowAnswer = records.await(record -> isOn(record, Topics.PAYMENT_EVENTS, slowOrderId), TIMEOUT);
            var nextAnswer = records.await(record -> isOn(record, Topics.PAYMENT_EVENTS, nextOrderId), TIMEOUT);
            assertThat(records.decode(slowAnswer)).isInstanceOf(PaymentAuthorized.class);
            assertThat(records.decode(nextAnswer)).isInstanceOf(PaymentAuthorized.class);
            // Record timestamps: when each client sent its record.
            assertThat(slowAnswer.timestamp() - slowCommand.timestamp()).isGreaterThanOrEqualTo(
                    SLOW_ANSWER_DELAY.toMillis());
            assertThat(nextAnswer.timestamp()).isLessThan(slowAnswer.timestamp());
        }
    }

    @Test
    void shouldVoidAPaymentEveryTimeItIsAskedTo() {
        String orderId = newOrderId();
        String paymentId = newPaymentId();
        var command = new VoidPayment(orderId, paymentId, "CANCELLED");
        double voidsBefore = counted("ordersaga.payment.voids");

        List<SpecificRecord> answers = answersTo(orderId, command, command);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(PaymentVoided.class,
                voided -> assertThat(voided.getPaymentId()).isEqualTo(paymentId)));
        assertCountedSoon("ordersaga.payment.voids", voidsBefore + 2);
    }

    @Test
    void shouldDeadLetterAnUndecodableRecordAndAnswerTheNextCommand() {
        String orderId = newOrderId();
        byte[] garbage = "not an order-saga message".getBytes(StandardCharsets.UTF_8);

        try (var records = kafka.readFromNow(Topics.PAYMENT_COMMANDS_DLT, Topics.PAYMENT_EVENTS)) {
            // Same key, so the valid command lands on the same partition, behind the poison record.
            kafka.sendRaw(Topics.PAYMENT_COMMANDS, orderId, garbage);
            kafka.send(Topics.PAYMENT_COMMANDS, orderId, authorize(orderId, newPaymentId(), "4242"));

            var deadLetter = records.await(record -> isOn(record, Topics.PAYMENT_COMMANDS_DLT, orderId), TIMEOUT);
            assertThat(deadLetter.value()).isEqualTo(garbage);
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("DeserializationException");
            assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.PAYMENT_COMMANDS);
            records.awaitMessage(PaymentAuthorized.class, orderId, TIMEOUT);
        }
    }

    @Test
    void shouldDeadLetterAMessageThatIsNotAPaymentCommandAtOnceAsADeserializationFailure() {
        String orderId = newOrderId();
        var notACommand = new PaymentVoided(orderId, newPaymentId(), Instant.parse("2030-01-01T00:00:00Z"));

        try (var deadLetters = kafka.readFromNow(Topics.PAYMENT_COMMANDS_DLT)) {
            kafka.send(Topics.PAYMENT_COMMANDS, orderId, notACommand);

            var deadLetter = deadLetters.await(record -> orderId.equals(record.key()), TIMEOUT);
            assertThat(deadLetters.decode(deadLetter)).isEqualTo(notACommand);
            // Rejected by the deserializer, as the topic catalogue declares, so the error handler does not retry it.
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("DeserializationException");
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .contains("is a PaymentVoided, which does not belong there");
        }
    }

    /** Sends the commands one after the other and returns the order's answers, one per command. */
    private List<SpecificRecord> answersTo(String orderId, SpecificRecord... commands) {
        try (var events = kafka.readFromNow(Topics.PAYMENT_EVENTS)) {
            for (SpecificRecord command : commands) {
                kafka.send(Topics.PAYMENT_COMMANDS, orderId, command);
            }
            List<ConsumerRecord<String, byte[]>> answers = new ArrayList<>();
            while (answers.size() < commands.length) {
                answers.add(events.await(record -> orderId.equals(record.key()) && !answers.contains(record),
                        TIMEOUT));
            }
            assertThat(events.drain(Duration.ofMillis(500))).as("answers for %s", orderId)
                    .filteredOn(record -> orderId.equals(record.key())).hasSize(commands.length);
            return answers.stream().map(events::decode).toList();
        }
    }

    private static PaymentAuthorized withoutTimestamp(PaymentAuthorized answer) {
        return PaymentAuthorized.newBuilder(answer).setAuthorizedAt(Instant.EPOCH).build();
    }

    /** An order id that the producer's default partitioner puts on the same partition as {@code orderId}. */
    private static String orderIdOnTheSamePartitionAs(String orderId) {
        String candidate;
        do {
            candidate = newOrderId();
        } while (partitionOf(candidate) != partitionOf(orderId));
        return candidate;
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.PARTITIONS;
    }

    private static boolean isOn(ConsumerRecord<String, byte[]> record, String topic, String orderId) {
        return record.topic().equals(topic) && orderId.equals(record.key());
    }

    private static AuthorizePayment authorize(String orderId, String paymentId, String cardLast4) {
        return new AuthorizePayment(orderId, paymentId, PaymentMethod.CARD, cardLast4);
    }

    /** Counted once the broker acknowledged the answer, which a reader may see a moment before. */
    private void assertCountedSoon(String name, double expected, String... tags) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(counted(name, tags)).isEqualTo(expected));
    }

    private double counted(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    private static String newPaymentId() {
        return "payment-" + UUID.randomUUID();
    }
}
