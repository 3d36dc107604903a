package dev.ordersaga.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The saga's clocks, under {@code saga}. Timers run on stream time (the timestamps of the records read), which
 * the orchestrator's own heartbeats move on while no order comes; see {@link SagaClock}.
 *
 * @param paymentTimeout how long an order waits for its payment once its stock is reserved; then it expires
 * @param commandRetryInterval how long the saga waits for another service's answer before it sends the command
 *     again (the services answer repeats with the same answer)
 * @param timerInterval how much stream time passes between two looks for sagas whose wake-up time has come
 * @param clockTickInterval how often each task sends itself a heartbeat stamped with the wall clock: with no other
 *     input, an order expires at most about this plus {@code timerInterval} late
 * @param wakeUpsPerTimer at most this many sagas are woken per timer run, so one run never stalls a stream thread
 */
@ConfigurationProperties("saga")
public record SagaProperties(
        @DefaultValue("15m") Duration paymentTimeout,
        @DefaultValue("30s") Duration commandRetryInterval,
        @DefaultValue("1s") Duration timerInterval,
        @DefaultValue("1s") Duration clockTickInterval,
        @DefaultValue("1000") int wakeUpsPerTimer) {
}
