package dev.ordersaga.fault.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** SIGKILL for processes this program did not start itself. */
final class Kill {

    private Kill() {
    }

    /** The process and everything it started, as they are now. */
    static List<ProcessHandle> withDescendants(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).toList();
    }

    /** SIGKILLs all of them at once, then waits until each is gone. */
    static void all(List<ProcessHandle> processes, Duration timeout) {
        processes.forEach(ProcessHandle::destroyForcibly);
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                if (process.isAlive()) {
                    survivors.add(process.pid() + " " + process.info().commandLine().orElse(""));
                }
            }
        }
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("Still alive after SIGKILL: " + survivors);
        }
    }
}
