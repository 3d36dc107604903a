package dev.ordersaga.loadtest.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time as Linux accounts it in {@code /proc}, in clock ticks of 10 ms (USER_HZ is 100 on every architecture
 * Linux exports /proc for today).
 */
final class ProcStat {

    static final double MILLIS_PER_TICK = 10;

    private ProcStat() {
    }

    /**
     * User + system time of a process (all its threads, the ended ones too) plus that of its ended children it
     * has waited for ({@code cutime}, {@code cstime}); empty when the process is gone.
     */
    static OptionalLong ticksOf(long pid) {
        try {
            return OptionalLong.of(ticksOfStatLine(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Fields 14-17 of {@code /proc/<pid>/stat}. The command name (field 2) is in parentheses and may hold spaces
     * or parentheses itself, so fields are counted from the last ')'.
     */
    static long ticksOfStatLine(String line) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, so index 11.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /** Busy time of every CPU of the machine, whoever used it; empty without /proc/stat. */
    static OptionalLong machineBusyTicks() {
        try {
            return OptionalLong.of(busyTicksOfCpuLine(Files.readAllLines(Path.of("/proc/stat")).get(0)));
        } catch (IOException | IndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}: all but idle and iowait. */
    static long busyTicksOfCpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy; // guest time is already part of user time
    }
}
