package dev.ordersaga.fault;

import dev.ordersaga.fault.check.ScenarioResult;
import dev.ordersaga.fault.report.ReliabilityReport;
import dev.ordersaga.loadtest.report.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code ./fault-suite.sh [--quick] [--scenarios a,b] [--out docs]}: runs the scenarios, writes
 * {@code <out>/reliability.md}, exits 1 when an invariant failed.
 */
public final class FaultSuiteMain {

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        FaultSuiteOptions options = arguments.contains("--quick")
                ? FaultSuiteOptions.quick() : FaultSuiteOptions.full();
        Path out = Path.of("docs");
        for (int i = 0; i < arguments.size(); i++) {
            switch (arguments.get(i)) {
                case "--quick" -> { }
                case "--scenarios" -> options = options.withScenarios(List.of(arguments.get(++i).split(",")));
                case "--out" -> out = Path.of(arguments.get(++i));
                default -> {
                    System.err.println("Unknown option " + arguments.get(i) + ". Usage: ./fault-suite.sh [--quick]"
                            + " [--scenarios " + String.join(",", Scenarios.NAMES) + "] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        Path root = Path.of(System.getenv().getOrDefault("ORDERSAGA_PROJECT_ROOT", "."));
        Instant started = Instant.now();
        List<ScenarioResult> results = new FaultSuite(root, Files.createTempDirectory("ordersaga-faults-"), options)
                .run();
        Path report = out.resolve("reliability.md");
        Files.createDirectories(out);
        Optional<String> previous = Files.exists(report) ? Optional.of(Files.readString(report)) : Optional.empty();
        Files.writeString(report, ReliabilityReport.render(results, MachineInfo.current(),
                "./fault-suite.sh " + String.join(" ", args), started, describe(options), previous));
        results.forEach(r -> System.out.println((r.passed() ? "PASS " : "FAIL ") + r.scenario()
                + (r.passed() ? "" : " " + r.problems())));
        System.out.println("Report: " + report);
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    static String describe(FaultSuiteOptions o) {
        return "%s orders/s for %d s per scenario, fault after %d s, down %d s; payment deadline %d s, command retry"
                .formatted(o.ordersPerSecond(), o.phase().toSeconds(), o.faultAfter().toSeconds(),
                        o.downtime().toSeconds(), o.paymentTimeout().toSeconds())
                + " every %d s; an order may take %d min to be final".formatted(
                        o.commandRetryInterval().toSeconds(), o.finalWithin().toMinutes());
    }
}
