package dev.ordersaga.inventory.reservation;

import dev.ordersaga.support.OrderSagaKafkaProperties;
import dev.ordersaga.support.TransientFailures;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * The consumers of inventory commands: one batch listener on {@code inventory-commands}
 * ({@code spring.kafka.listener.concurrency} threads) and one on each retry topic (one thread each: retries are the
 * exception, and each consumer thread may hold two database connections under the distributed-lock strategy; see
 * {@code spring.datasource.hikari.maximum-pool-size}). All run {@link InventoryCommandListener#onBatch} and
 * acknowledge manually, which lets a retry topic's consumer leave the records that are not due yet for later.
 * The retry topics are created at start-up like every other topic, with {@code ordersaga.kafka.partitions}
 * partitions.
 */
@Configuration(proxyBeanMethods = false)
class CommandListenerConfiguration implements KafkaListenerConfigurer {

    private final InventoryCommandListener listener;
    private final ConflictRetries retries;

    CommandListenerConfiguration(InventoryCommandListener listener, ConflictRetries retries) {
        this.listener = listener;
        this.retries = retries;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        registrar.registerEndpoint(new CommandEndpoint(InventoryCommandListener.ID, null));
        retries.topics().forEach(topic -> registrar.registerEndpoint(new CommandEndpoint(topic, 1)));
    }

    @Bean
    KafkaAdmin.NewTopics retryTopics(OrderSagaKafkaProperties kafka) {
        return new KafkaAdmin.NewTopics(retries.topics().stream()
                .map(topic -> new NewTopic(topic, kafka.partitions(), kafka.replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    /**
     * The listener throws only when the database cannot be reached (or the broker does not take the answers): the
     * batch is no fault of its own, so it is delivered again, holding its partitions, with
     * {@linkplain TransientFailures#backOff() growing pauses} and without limit, until it goes through. Nothing is
     * dead-lettered for it. Being the service's {@link CommonErrorHandler}, it also stands in for the dead-letter
     * handler service-support would install otherwise: this service sends its dead letters itself
     * ({@link DeadLetters}).
     */
    @Bean
    CommonErrorHandler untilTheDatabaseIsBack() {
        return new DefaultErrorHandler(TransientFailures.backOff());
    }

    /** A listener endpoint whose records go, in batches, to {@link InventoryCommandListener#onBatch}. */
    private final class CommandEndpoint implements KafkaListenerEndpoint {

        private final String topic;
        private final Integer concurrency;

        /** @param topic the topic, also the listener's id; @param concurrency null for the factory's */
        CommandEndpoint(String topic, Integer concurrency) {
            this.topic = topic;
            this.concurrency = concurrency;
        }

        @Override
        public String getId() {
            return topic;
        }

        @Override
        public String getGroupId() {
            return null; // spring.kafka.consumer.group-id
        }

        @Override
        public String getGroup() {
            return null;
        }

        @Override
        public Collection<String> getTopics() {
            return List.of(topic);
        }

        @Override
        public TopicPartitionOffset[] getTopicPartitionsToAssign() {
            return null;
        }

        @Override
        public Pattern getTopicPattern() {
            return null;
        }

        @Override
        public String getClientIdPrefix() {
            return null;
        }

        @Override
        public Integer getConcurrency() {
            return concurrency;
        }

        @Override
        public Boolean getAutoStartup() {
            return null;
        }

        @Override
        public Boolean getBatchListener() {
            return true;
        }

        @Override
        public String getAckMode() {
            return ContainerProperties.AckMode.MANUAL.name();
        }

        @Override
        public boolean isSplitIterables() {
            return true;
        }

        @Override
        public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
            container.setupMessageListener(
                    (BatchAcknowledgingMessageListener<String, SpecificRecord>) listener::onBatch);
        }
    }
}
