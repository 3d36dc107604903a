package dev.ordersaga.fault;

import dev.ordersaga.fault.check.ScenarioResult;
import dev.ordersaga.fault.cluster.Cluster;
import dev.ordersaga.fault.cluster.LauncherStack;
import dev.ordersaga.fault.kafka.TopicAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the chosen scenarios in turn: those on single parts against the two-instance {@link Cluster}, then
 * "everything" against {@code ./run-local.sh}'s launcher, each stack on fresh data under {@code workDir}.
 */
public final class FaultSuite {

    private final Path projectRoot;
    private final Path workDir;
    private final FaultSuiteOptions options;
    private final ScenarioRunner runner;

    public FaultSuite(Path projectRoot, Path workDir, FaultSuiteOptions options) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.options = options;
        this.runner = new ScenarioRunner(options, Long.toString(System.currentTimeMillis() % 1_000_000, 36));
    }

    public List<ScenarioResult> run() throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        List<String> onCluster = options.scenarios().stream().filter(s -> !s.equals(Scenarios.EVERYTHING)).toList();
        if (!onCluster.isEmpty()) {
            try (Cluster cluster = Cluster.start(projectRoot, workDir.resolve("cluster"), options.serviceArguments());
                 TopicAccess topics = new TopicAccess(cluster.endpoints().bootstrapServers())) {
                for (String name : onCluster) {
                    Optional<Scenario> scenario = Scenarios.onCluster(name, cluster, options, topics);
                    if (scenario.isPresent()) {
                        results.add(runner.run(scenario.get(), cluster.endpoints(), topics));
                    }
                }
            }
        }
        if (options.scenarios().contains(Scenarios.EVERYTHING)) {
            try (LauncherStack launcher = LauncherStack.start(projectRoot, workDir.resolve("run-local"),
                    Map.of("SAGA_PAYMENT_TIMEOUT", options.paymentTimeout().toSeconds() + "s",
                            "SAGA_COMMAND_RETRY_INTERVAL", options.commandRetryInterval().toSeconds() + "s"));
                 TopicAccess topics = new TopicAccess(launcher.endpoints().bootstrapServers())) {
                results.add(runner.run(Scenarios.everything(launcher, options), launcher.endpoints(), topics));
            }
        }
        return results;
    }
}
