package dev.ordersaga.loadtest.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the processes of a stack started by {@code ./run-local.sh} from their command lines: order-service and
 * inventory-service by their {@code --server.port}, their sibling services by the launcher pid they all watch
 * ({@code --ordersaga.launcher-pid}), the broker in that launcher's JVM, PostgreSQL by the port its postmaster
 * was started with. A part not found is left out of the CPU figures.
 */
public final class RunningStackProcesses {

    /** The broker shares the launcher's JVM in such a stack, and the report says so. */
    public static final String BROKER_IN_LAUNCHER = "Kafka broker (in the launcher's JVM)";

    private RunningStackProcesses() {
    }

    public static List<MeasuredProcess> find(int orderServicePort, int inventoryServicePort,
                                             OptionalInt postgresPort) {
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        List<MeasuredProcess> found = new ArrayList<>();
        Optional<ProcessHandle> orderService = withArgument(all, "--server.port=" + orderServicePort);
        Optional<String> launcher = orderService.flatMap(p -> argumentStartingWith(p, "--ordersaga.launcher-pid="));
        orderService.ifPresent(p -> found.add(MeasuredProcess.of("order-service", p)));
        withArgument(all, "--server.port=" + inventoryServicePort)
                .ifPresent(p -> found.add(MeasuredProcess.of("inventory-service", p)));
        for (String module : List.of("saga-orchestrator", "payment-service")) {
            launcher.flatMap(l -> all.stream().filter(p -> arguments(p).contains(l)
                    && arguments(p).stream().anyMatch(a -> a.contains("/" + module + "-"))).findFirst())
                    .ifPresent(p -> found.add(MeasuredProcess.of(module, p)));
        }
        launcher.flatMap(l -> ProcessHandle.of(Long.parseLong(l.substring(l.indexOf('=') + 1))))
                .ifPresent(p -> found.add(MeasuredProcess.of(BROKER_IN_LAUNCHER, p)));
        if (postgresPort.isPresent()) {
            all.stream().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .filter(p -> followedBy(arguments(p), "-p", String.valueOf(postgresPort.getAsInt())))
                    .findFirst()
                    .ifPresent(p -> found.add(MeasuredProcess.tree("PostgreSQL", p)));
        }
        return found;
    }

    private static Optional<ProcessHandle> withArgument(List<ProcessHandle> all, String argument) {
        return all.stream().filter(p -> arguments(p).contains(argument)).findFirst();
    }

    private static Optional<String> argumentStartingWith(ProcessHandle process, String prefix) {
        return arguments(process).stream().filter(a -> a.startsWith(prefix)).findFirst();
    }

    private static boolean followedBy(List<String> arguments, String option, String value) {
        for (int i = 0; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equals(option) && arguments.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of());
    }
}
