package dev.ordersaga.saga;

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
            // Kafka Streams stays in its group on close by default; a restart then waits a whole session timeout
            // before the old members are dropped and partitions are handed out again.
            factoryBean.setLeaveGroupOnClose(true);
        };
    }
}
