package dev.ordersaga.inventory.reservation;

import dev.ordersaga.support.TransientFailures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Adds blocking retries to the non-blocking ones of {@link InventoryCommandListener}, for failures that are an
 * outage of the database rather than a fault of the command: such a command holds its partition and is tried again
 * until the database is back, with {@link TransientFailures#backOff() growing pauses}, on {@code inventory-commands}
 * and on each retry topic alike. Without this the retry-topic support would send it straight to
 * {@code inventory-commands-dlt}, and the saga would never get its answer. Conflicts still go to the retry topics,
 * and every other failure still goes straight to the dead-letter topic.
 *
 * <p>Being a {@link RetryTopicConfigurationSupport}, this is also the retry-topic infrastructure spring-kafka would
 * otherwise set up by itself for {@code @RetryableTopic}; there must be only one. It needs a scheduler for the
 * retry topics' delays, which the framework's own set-up creates and Spring Boot provides only with
 * {@code @EnableScheduling}: hence {@link #retryTopicScheduler()}.
 */
@Configuration
class CommandRetryConfiguration extends RetryTopicConfigurationSupport {

    @Override
    @SuppressWarnings("unchecked")
    protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
        blockingRetries
                .retryOn(TransientFailures.TYPES.toArray(Class[]::new))
                .backOff(TransientFailures.backOff());
    }

    /** Wakes the retry topics' consumers when their paused partitions' records are due. */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("retry-topic-scheduler-");
        return new RetryTopicSchedulerWrapper(scheduler);
    }
}
