package dev.ordersaga.fault.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** SIGKILL for processes this program did not start itself, and the PostgreSQL server of a data directory. */
final class Kill {

    private Kill() {
    }

    /** The postmaster of a PostgreSQL data directory, from the first line of its {@code postmaster.pid}. */
    static Optional<ProcessHandle> postmasterOf(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
