package dev.ordersaga.inventory.reservation;

import dev.ordersaga.messaging.Topics;
import dev.ordersaga.support.MessagesOrBytesSerializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.ProducerListener;

/**
 * The template commands are forwarded with, to the retry topics and to {@code inventory-commands-dlt}. Spring
 * Boot's template cannot do it: its value serializer takes order-saga messages only, while a record that could not
 * be decoded is dead-lettered as the bytes it arrived as. Sending those with it would fail, and the poison record
 * would be delivered again forever instead of leaving its partition.
 */
@Configuration(proxyBeanMethods = false)
class CommandForwardingConfiguration {

    /** Bean name, to tell it from Spring Boot's template. */
    static final String TEMPLATE = "commandForwardingTemplate";

    // Declared as KafkaOperations: a KafkaTemplate bean would make Spring Boot skip its own, which sends the answers.
    @Bean(TEMPLATE)
    KafkaOperations<Object, Object> commandForwardingTemplate(ProducerFactory<?, ?> answerProducers,
            ReservationMetrics metrics) {
        var messagesOrBytes = new MessagesOrBytesSerializer();
        var producers = new DefaultKafkaProducerFactory<Object, Object>(answerProducers.getConfigurationProperties(),
                messagesOrBytes, messagesOrBytes);
        var template = new SelfClosingKafkaTemplate(producers);
        template.setProducerListener(new DeadLetterCounter(metrics));
        return template;
    }

    /** Closes its producers with itself: nothing else would, as they are not a bean of their own. */
    private static final class SelfClosingKafkaTemplate extends KafkaTemplate<Object, Object> {

        private final DefaultKafkaProducerFactory<Object, Object> producers;

        SelfClosingKafkaTemplate(DefaultKafkaProducerFactory<Object, Object> producers) {
            super(producers);
            this.producers = producers;
        }

        @Override
        public void destroy() {
            super.destroy();
            producers.destroy();
        }
    }

    /**
     * Counts what reaches the dead-letter topic, by the exception in its headers: the reason itself rather than the
     * listener-failure wrapper around it.
     */
    private static final class DeadLetterCounter implements ProducerListener<Object, Object> {

        private final ReservationMetrics metrics;

        DeadLetterCounter(ReservationMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
            if (!Topics.INVENTORY_COMMANDS_DLT.equals(record.topic())) {
                return;
            }
            String thrown = header(record, KafkaHeaders.EXCEPTION_FQCN);
            String cause = header(record, KafkaHeaders.EXCEPTION_CAUSE_FQCN);
            String exception = ListenerExecutionFailedException.class.getName().equals(thrown) && cause != null
                    ? cause
                    : thrown;
            metrics.deadLetter(exception == null ? "unknown" : exception.substring(exception.lastIndexOf('.') + 1));
        }

        private static String header(ProducerRecord<Object, Object> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
