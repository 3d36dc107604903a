package dev.ordersaga.fault;

import dev.ordersaga.fault.check.ScenarioChecks;
import dev.ordersaga.fault.check.ScenarioResult;
import dev.ordersaga.fault.cluster.Endpoints;
import dev.ordersaga.fault.kafka.TopicAccess;
import dev.ordersaga.fault.workload.CustomerOrder;
import dev.ordersaga.fault.workload.Workload;
import dev.ordersaga.loadtest.client.BlockingHttpClient;
import dev.ordersaga.messaging.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario: a workload of its own products starts, the fault strikes part-way through, customers keep
 * arriving until the phase ends; then every order is followed to its final status and checked from outside.
 */
final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);

    private final FaultSuiteOptions options;
    private final String runId;

    ScenarioRunner(FaultSuiteOptions options, String runId) {
        this.options = options;
        this.runId = runId;
    }

    ScenarioResult run(Scenario scenario, Endpoints endpoints, TopicAccess topics) throws Exception {
        log.info("Scenario {}: {}", scenario.name(), scenario.fault());
        Map<TopicPartition, Long> deadLettersBefore = topics.endOffsets(Scenarios.DEAD_LETTER_TOPICS);
        Map<TopicPartition, Long> paymentEventsBefore = topics.endOffsets(List.of(Topics.PAYMENT_EVENTS));
        String prefix = "fs-" + runId + "-" + scenario.name();
        try (BlockingHttpClient http = new BlockingHttpClient(64, Duration.ofSeconds(2));
             Workload workload = Workload.start(http, endpoints, prefix, new Workload.Settings(
                     options.ordersPerSecond(), 8, options.stockPerProduct(), options.finalWithin()),
                     prefix.hashCode())) {
            Instant started = Instant.now();
            Thread.sleep(options.faultAfter().toMillis());
            Instant faultAt = Instant.now();
            Map<String, List<String>> poison = scenario.strike().strike();
            log.info("Scenario {}: fault done after {} s", scenario.name(),
                    Duration.between(faultAt, Instant.now()).toSeconds());
            long rest = Duration.between(Instant.now(), started.plus(options.phase())).toMillis();
            if (rest > 0) {
                Thread.sleep(rest);
            }
            workload.stopArrivals();
            log.info("Scenario {}: {} customers came; following their orders to the end", scenario.name(),
                    workload.placed());
            List<CustomerOrder> orders = workload.awaitCustomers();
            ScenarioResult result = new ScenarioChecks(options.paymentTimeout(), Scenarios.DEAD_LETTER_TOPICS)
                    .check(scenario.name(), scenario.fault(), orders, faultAt, workload.stockPut(), http,
                            endpoints, topics, paymentEventsBefore, deadLettersBefore, poison);
            log.info("Scenario {}: {}", scenario.name(), result.passed() ? "PASS" : "FAIL " + result.problems());
            return result;
        }
    }
}
