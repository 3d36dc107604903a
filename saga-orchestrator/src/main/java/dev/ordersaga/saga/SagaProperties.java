package dev.ordersaga.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The saga's clocks, under {@code saga}.
 *
 * @param paymentTimeout how long an order waits for its payment once its stock is reserved; then it expires
 * @param commandRetryInterval how long the saga waits for another service's answer before it sends the command
 *     again (the services answer repeats with the same answer)
 * @param timerInterval how often the orchestrator looks for sagas whose wake-up time has come: an order expires
 *     at most this late
 * @param wakeUpsPerTimer at most this many sagas are woken per timer run, so one run never stalls a stream thread
 */
@ConfigurationProperties("saga")
public record SagaProperties(
        @DefaultValue("15m") Duration paymentTimeout,
        @DefaultValue("30s") Duration commandRetryInterval,
        @DefaultValue("1s") Duration timerInterval,
        @DefaultValue("1000") int wakeUpsPerTimer) {
}
