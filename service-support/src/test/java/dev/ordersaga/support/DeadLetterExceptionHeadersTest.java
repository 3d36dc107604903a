package dev.ordersaga.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterExceptionHeadersTest {

    private static final HeaderNames NAMES = HeaderNames.Builder.original()
            .offsetHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).timestampHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
            .timestampTypeHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE).topicHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
            .partitionHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
            .consumerGroupHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
            .exception().keyExceptionFqcn(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)
            .exceptionFqcn(KafkaHeaders.DLT_EXCEPTION_FQCN).exceptionCauseFqcn(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
            .keyExceptionMessage(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)
            .exceptionMessage(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
            .keyExceptionStacktrace(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)
            .exceptionStacktrace(KafkaHeaders.DLT_EXCEPTION_STACKTRACE).build();

    @Test
    void shouldGiveTheDeserializersReasonAsTheMessageOfADeserializationFailure() {
        var reason = new SerializationException("Record on payment-commands is a PaymentVoided, which does not"
                + " belong there; expected AuthorizePayment or VoidPayment");
        var headers = new RecordHeaders();

        new DeadLetterExceptionHeaders().create(headers,
                new DeserializationException("failed to deserialize", new byte[] {1}, false, reason), false, NAMES);

        assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo(reason.getMessage());
        assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(DeserializationException.class.getName());
        assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(SerializationException.class.getName());
        assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("failed to deserialize")
                .contains(reason.getMessage());
    }

    @Test
    void shouldGiveTheHandlersReasonAsTheMessageOfAListenerFailureAndReplaceEarlierExceptionHeaders() {
        var headers = new RecordHeaders();
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "an earlier attempt".getBytes(StandardCharsets.UTF_8));

        new DeadLetterExceptionHeaders().create(headers, new ListenerExecutionFailedException("Listener failed",
                new IllegalStateException("Cannot commit order o-1: it holds no stock")), false, NAMES);

        assertThat(headers.headers(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).hasSize(1);
        assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .isEqualTo("Cannot commit order o-1: it holds no stock");
    }

    @Test
    void shouldKeepTheMessageOfAFailureThatWrapsNothing() {
        assertThat(DeadLetterExceptionHeaders.reason(new IllegalArgumentException("bad"))).isEqualTo("bad");
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
