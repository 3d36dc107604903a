package dev.ordersaga.fault;

import java.time.Duration;
import java.util.List;

/**
 * How hard and how long each scenario runs.
 *
 * @param ordersPerSecond customers arriving per second, through every scenario
 * @param phase how long customers arrive in each scenario
 * @param faultAfter when in the phase the fault strikes
 * @param downtime how long a killed part stays down before it is started again
 * @param paymentTimeout the saga's payment deadline (short, so that walk-aways expire within the scenario)
 * @param commandRetryInterval how often the saga sends an unanswered command again
 * @param finalWithin how long an accepted order may take to reach its final status before it counts as stuck
 * @param replayPerPartition records produced again per partition in the replay scenario
 * @param poisonPerTopic undecodable records written to each consumed topic in the poison scenario
 * @param scenarios which scenarios to run (all by default)
 */
public record FaultSuiteOptions(double ordersPerSecond, Duration phase, Duration faultAfter, Duration downtime,
                                Duration paymentTimeout, Duration commandRetryInterval, Duration finalWithin,
                                int replayPerPartition, int poisonPerTopic, List<String> scenarios) {

    public FaultSuiteOptions {
        scenarios = List.copyOf(scenarios);
    }

    /** {@code ./fault-suite.sh}: a minute of customers per scenario, twice the CI version's rate. */
    public static FaultSuiteOptions full() {
        return new FaultSuiteOptions(4, Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofMinutes(5), 50, 5, Scenarios.NAMES);
    }

    /** The CI test: every scenario, fewer orders, shorter phases; bounds generous for a busy 2-core machine. */
    public static FaultSuiteOptions quick() {
        return new FaultSuiteOptions(2, Duration.ofSeconds(20), Duration.ofSeconds(7), Duration.ofSeconds(3),
                Duration.ofSeconds(12), Duration.ofSeconds(3), Duration.ofMinutes(4), 10, 2, Scenarios.NAMES);
    }

    public FaultSuiteOptions withScenarios(List<String> names) {
        return new FaultSuiteOptions(ordersPerSecond, phase, faultAfter, downtime, paymentTimeout,
                commandRetryInterval, finalWithin, replayPerPartition, poisonPerTopic, names);
    }

    /** The saga's timings, as arguments for every service. */
    List<String> serviceArguments() {
        return List.of("--saga.payment-timeout=" + paymentTimeout.toSeconds() + "s",
                "--saga.command-retry-interval=" + commandRetryInterval.toSeconds() + "s");
    }

    /** Enough that a good share of late orders fail OUT_OF_STOCK, not so little that most do. */
    int stockPerProduct() {
        return (int) Math.max(8, Math.ceil(0.2 * ordersPerSecond * phase.toSeconds()));
    }
}
