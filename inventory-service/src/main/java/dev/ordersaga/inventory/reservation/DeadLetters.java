package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.support.DeadLetterExceptionHeaders;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Sends a record to its topic's dead-letter topic ({@code inventory-commands-dlt}, as the topic catalogue says),
 * alone, as it arrived (the original bytes when it could not be decoded), with the exception and the record's origin in headers: {@code kafka_exception-fqcn},
 * {@code kafka_exception-cause-fqcn}, {@code kafka_exception-message}, {@code kafka_exception-stacktrace},
 * {@code kafka_original-topic} / {@code -partition} / {@code -offset}. spring-kafka's
 * {@link DeadLetterPublishingRecoverer} builds the record; unlike it, this does not wait for the broker: the
 * listener awaits every record of a batch at once.
 */
@Component
class DeadLetters {

    private final Recoverer recoverer;

    DeadLetters(@Qualifier(CommandForwardingConfiguration.TEMPLATE) KafkaOperations<Object, Object> forwarding) {
        this.recoverer = new Recoverer(forwarding);
    }

    /** Sends {@code record} to the dead-letter topic because of {@code reason}; complete when the broker has it. */
    CompletableFuture<?> send(ConsumerRecord<?, ?> record, Exception reason) {
        recoverer.accept(record, reason);
        try {
            return recoverer.sent.get();
        } finally {
            recoverer.sent.remove();
        }
    }

    private static final class Recoverer extends DeadLetterPublishingRecoverer {

        /** What the last {@link #accept} on this thread sent. */
        private final ThreadLocal<CompletableFuture<?>> sent = new ThreadLocal<>();

        Recoverer(KafkaOperations<Object, Object> forwarding) {
            super(forwarding, (record, exception) -> new TopicPartition(
                    TopicCatalogue.deadLetterTopicOf(record.topic()), record.partition()));
            setHeaderNamesSupplier(() -> HeaderNames.Builder
                    .original()
                    .offsetHeader(KafkaHeaders.ORIGINAL_OFFSET)
                    .timestampHeader(KafkaHeaders.ORIGINAL_TIMESTAMP)
                    .timestampTypeHeader(KafkaHeaders.ORIGINAL_TIMESTAMP_TYPE)
                    .topicHeader(KafkaHeaders.ORIGINAL_TOPIC)
                    .partitionHeader(KafkaHeaders.ORIGINAL_PARTITION)
                    .consumerGroupHeader(KafkaHeaders.ORIGINAL_CONSUMER_GROUP)
                    .exception()
                    .keyExceptionFqcn(KafkaHeaders.KEY_EXCEPTION_FQCN)
                    .exceptionFqcn(KafkaHeaders.EXCEPTION_FQCN)
                    .exceptionCauseFqcn(KafkaHeaders.EXCEPTION_CAUSE_FQCN)
                    .keyExceptionMessage(KafkaHeaders.KEY_EXCEPTION_MESSAGE)
                    .exceptionMessage(KafkaHeaders.EXCEPTION_MESSAGE)
                    .keyExceptionStacktrace(KafkaHeaders.KEY_EXCEPTION_STACKTRACE)
                    .exceptionStacktrace(KafkaHeaders.EXCEPTION_STACKTRACE)
                    .build());
            setAppendOriginalHeaders(false);
            setExceptionHeadersCreator(new DeadLetterExceptionHeaders());
        }

        @Override
        protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> template,
                ConsumerRecord<?, ?> inRecord) {
            sent.set(template.send(outRecord));
        }
    }
}
