package dev.ordersaga.loadtest.cpu;

import java.util.OptionalLong;

/**
 * A part of the stack whose CPU is measured: one process (a JVM: its threads are all counted), or a process with
 * everything it started, as PostgreSQL's postmaster and its server processes.
 */
public record MeasuredProcess(String name, long pid, boolean withDescendants) {

    public static MeasuredProcess of(String name, ProcessHandle process) {
        return new MeasuredProcess(name, process.pid(), false);
    }

    public static MeasuredProcess tree(String name, ProcessHandle root) {
        return new MeasuredProcess(name, root.pid(), true);
    }

    /**
     * Ticks used so far; empty when the process is gone. A child that ended between two samples moved its time into
     * its parent's {@code cutime}/{@code cstime}, so the sum over the tree counts it once either way.
     */
    OptionalLong ticks() {
        OptionalLong own = ProcStat.ticksOf(pid);
        if (own.isEmpty() || !withDescendants) {
            return own;
        }
        long sum = own.getAsLong();
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList())
                .orElse(java.util.List.of())) {
            sum += ProcStat.ticksOf(child.pid()).orElse(0);
        }
        return OptionalLong.of(sum);
    }
}
