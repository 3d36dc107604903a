package dev.ordersaga.support;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action once the process that launched this service is gone. {@code ./run-local.sh} starts the services
 * as child processes; a launcher killed outright (SIGKILL) cannot stop them, and they would live on, holding
 * their ports and consuming, against the next start. Each service launched that way watches its launcher and
 * shuts itself down when the launcher dies.
 */
final class LauncherWatch {

    private static final Logger log = LoggerFactory.getLogger(LauncherWatch.class);

    private LauncherWatch() {
    }

    /** Calls {@code onExit} when process {@code launcherPid} ends, at once if it is not running. */
    static CompletableFuture<Void> onExit(long launcherPid, Runnable onExit) {
        CompletableFuture<ProcessHandle> launcherGone = ProcessHandle.of(launcherPid)
                .map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        return launcherGone.thenRun(() -> {
            log.warn("The launcher of this service (pid {}) is gone; shutting down", launcherPid);
            onExit.run();
        });
    }
}
