package dev.ordersaga.loadtest.report;

import java.time.Instant;
import java.util.List;

/**
 * What a report says about the run as a whole.
 *
 * @param command the exact command line, e.g. {@code ./bench.sh --orders 300}
 * @param target where the stacks came from: started per strategy, or an existing one
 */
public record RunInfo(MachineInfo machine, String command, Instant started, String target, List<String> strategies,
                      List<String> workloads) {

    public RunInfo {
        strategies = List.copyOf(strategies);
        workloads = List.copyOf(workloads);
    }
}
