package dev.ordersaga.support;

import dev.ordersaga.messaging.AvroMessageDeserializer;
import dev.ordersaga.messaging.AvroMessageSerializer;
import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What every order-saga Spring service needs to speak on its topics: String keys, Avro single-object values,
 * the topics created where missing, and dead-letter topics for records a listener cannot take, so that one bad
 * record never stops a partition (while an unreachable database, which is no fault of the record, does).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(OrderSagaKafkaProperties.class)
public class OrderSagaKafkaAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics orderSagaTopics(OrderSagaKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.newTopics(properties.partitions(), properties.replicationFactor())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaClusterHealthIndicator(kafkaAdmin);
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultKafkaProducerFactoryCustomizer avroProducerSerdes() {
        return factory -> {
            ((DefaultKafkaProducerFactory) factory).setKeySerializer(new StringSerializer());
            ((DefaultKafkaProducerFactory) factory).setValueSerializer(new AvroMessageSerializer<>());
        };
    }

    /** A record whose value cannot be decoded reaches the error handler instead of killing the consumer. */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultKafkaConsumerFactoryCustomizer avroConsumerSerdes() {
        return factory -> {
            var consumerFactory = (org.springframework.kafka.core.DefaultKafkaConsumerFactory) factory;
            consumerFactory.setKeyDeserializer(new ErrorHandlingDeserializer<>(new StringDeserializer()));
            consumerFactory.setValueDeserializer(new ErrorHandlingDeserializer<>(new AvroMessageDeserializer<>()));
        };
    }

    /**
     * The saga orchestrator produces in exactly-once transactions; a consumer that reads uncommitted records would
     * act on commands of a transaction that was aborted (an orchestrator killed mid-commit) and then again on the
     * ones the restarted orchestrator sends. Read committed unless a service says otherwise.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultKafkaConsumerFactoryCustomizer readCommittedConsumers() {
        return factory -> {
            var consumerFactory = (org.springframework.kafka.core.DefaultKafkaConsumerFactory) factory;
            if (!consumerFactory.getConfigurationProperties().containsKey(ConsumerConfig.ISOLATION_LEVEL_CONFIG)) {
                consumerFactory.updateConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
            }
        };
    }

    /**
     * A record that cannot be decoded, or holds a type its topic does not carry, goes to its topic's dead-letter
     * topic ({@link TopicCatalogue}) at once: no retry makes it right. One whose handling fails is tried again a
     * few times first, unless the failure is {@linkplain TransientFailures transient}: then the record holds its
     * partition and is tried again, with growing pauses, until the database is back.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetterErrorHandler(KafkaProperties kafkaProperties, OrderSagaKafkaProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate(kafkaProperties), (record, exception) ->
                new TopicPartition(TopicCatalogue.deadLetterTopicOf(record.topic()), record.partition()));
        recoverer.setExceptionHeadersCreator(new DeadLetterExceptionHeaders());
        var handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(200, Math.max(0, properties.handlerAttempts() - 1)));
        BackOff untilBack = TransientFailures.backOff();
        handler.setBackOffFunction((record, exception) ->
                TransientFailures.isTransient(exception) ? untilBack : null);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

    /** Dead letters carry the original bytes when decoding failed, and the decoded message otherwise. */
    private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafkaProperties) {
        var serializer = new MessagesOrBytesSerializer();
        var factory = new DefaultKafkaProducerFactory<Object, Object>(kafkaProperties.buildProducerProperties(),
                serializer, serializer);
        return new KafkaTemplate<>(factory);
    }
}
