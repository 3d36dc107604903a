package dev.ordersaga.loadtest.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a report says about the run as a whole.
 *
 * @param command the exact command line, e.g. {@code ./bench.sh --orders 300}
 * @param target where the stacks came from: started per strategy and repetition, or an existing one
 * @param cases every workload and polling mode measured, in the order they ran
 * @param commitDurability e.g. {@code synchronous_commit=on, fsync=on}, as the stack's PostgreSQL said
 * @param warmUps each fresh stack's unmeasured rounds, in the order the stacks ran
 */
public record RunInfo(MachineInfo machine, String command, Instant started, String target, List<String> strategies,
                      List<Case> cases, int repetitions, Optional<String> commitDurability,
                      List<StackWarmUp> warmUps) {

    public RunInfo {
        strategies = List.copyOf(strategies);
        cases = List.copyOf(cases);
        warmUps = List.copyOf(warmUps);
    }
}
