package dev.ordersaga.loadtest.cpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Samples the CPU time of the stack's processes, of the load generator (this JVM) and of the whole machine; two
 * samples taken around a workload give what each part spent on it.
 */
public final class CpuMeter {

    public static final String SERVER_TOTAL = "server side, total";
    public static final String LOAD_GENERATOR = "load generator (bench JVM)";
    public static final String MACHINE = "whole machine (/proc/stat)";

    private final List<MeasuredProcess> parts;

    public CpuMeter(List<MeasuredProcess> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The stack's parts, in the order a report lists them. */
    public List<MeasuredProcess> parts() {
        return parts;
    }

    public Sample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (MeasuredProcess part : parts) {
            part.ticks().ifPresent(t -> ticks.put(part.name(), t));
        }
        ProcStat.ticksOf(ProcessHandle.current().pid()).ifPresent(t -> ticks.put(LOAD_GENERATOR, t));
        OptionalLong machine = ProcStat.machineBusyTicks();
        machine.ifPresent(t -> ticks.put(MACHINE, t));
        return new Sample(ticks);
    }

    /** Ticks per part at one moment. */
    public record Sample(Map<String, Long> ticks) {

        /**
         * Milliseconds per part since {@code before}, in its order, with {@link #SERVER_TOTAL} (every part but the
         * load generator and the machine) after the stack's parts. A part gone in either sample is left out.
         */
        public Map<String, Double> millisSince(Sample before) {
            Map<String, Double> millis = new LinkedHashMap<>();
            double server = 0;
            for (Map.Entry<String, Long> now : ticks.entrySet()) {
                Long then = before.ticks.get(now.getKey());
                if (then == null || now.getKey().equals(LOAD_GENERATOR) || now.getKey().equals(MACHINE)) {
                    continue;
                }
                double ms = (now.getValue() - then) * ProcStat.MILLIS_PER_TICK;
                millis.put(now.getKey(), ms);
                server += ms;
            }
            millis.put(SERVER_TOTAL, server);
            for (String own : List.of(LOAD_GENERATOR, MACHINE)) {
                if (ticks.containsKey(own) && before.ticks.containsKey(own)) {
                    millis.put(own, (ticks.get(own) - before.ticks.get(own)) * ProcStat.MILLIS_PER_TICK);
                }
            }
            return millis;
        }
    }
}
