package dev.ordersaga.saga;

import dev.ordersaga.messaging.TopicCatalogue;
import dev.ordersaga.messaging.Topics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs the {@link SagaTopology} in the Kafka Streams instance that spring-kafka manages (configured under
 * {@code spring.kafka.streams}). The topology is written with the Processor API, so it is added to the built
 * {@link Topology} rather than through the StreamsBuilder DSL.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(SagaProperties.class)
class SagaStreamsConfiguration {

    @Bean
    OrderSagaStateMachine orderSagaStateMachine(SagaProperties properties) {
        return new OrderSagaStateMachine(properties.paymentTimeout(), properties.commandRetryInterval());
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer sagaTopologyInstaller(SagaTopology sagaTopology) {
        return factoryBean -> {
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    sagaTopology.addTo(topology);
                }
            });
            // Records of the saga's inputs that cannot be decoded go to their dead-letter topic, which the topic
            // catalogue names: Kafka Streams has one per application, so every input declares the same.
            Properties config = new Properties();
            config.putAll(factoryBean.getStreamsConfiguration());
            config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                    TopicCatalogue.deadLetterTopicOf(Topics.ORDERS));
            factoryBean.setStreamsConfiguration(config);
            // Kafka Streams stays in its group on close by default; a restart then waits a whole session timeout
            // before the old members are dropped and partitions are handed out again.
            factoryBean.setLeaveGroupOnClose(true);
        };
    }
}
