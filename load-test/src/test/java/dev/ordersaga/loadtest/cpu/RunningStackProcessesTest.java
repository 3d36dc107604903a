package dev.ordersaga.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stand-ins with the command lines {@code ./run-local.sh} gives its services; no stack is started. */
class RunningStackProcessesTest {

    private Process orderService;
    private Process sagaOrchestrator;

    @AfterEach
    void stop() {
        List.of(orderService, sagaOrchestrator).forEach(Process::destroyForcibly);
    }

    @Test
    void shouldFindAServiceByItsPortAndItsSiblingsAndTheBrokerByTheLauncherTheyWatch() throws Exception {
        long launcher = ProcessHandle.current().pid();
        orderService = standIn("--server.port=1", "--ordersaga.launcher-pid=" + launcher,
                "/x/order-service-0.1.0-exec.jar");
        sagaOrchestrator = standIn("--server.port=3", "--ordersaga.launcher-pid=" + launcher,
                "/x/saga-orchestrator-0.1.0-exec.jar");

        List<MeasuredProcess> found = RunningStackProcesses.find(1, 2, OptionalInt.empty());

        assertThat(found).containsExactly(
                MeasuredProcess.of("order-service", orderService.toHandle()),
                MeasuredProcess.of("saga-orchestrator", sagaOrchestrator.toHandle()),
                MeasuredProcess.of(RunningStackProcesses.BROKER_IN_LAUNCHER, ProcessHandle.current()));
    }

    /**
     * A shell that waits, with the given arguments on its command line (the sleep is not its last command, so the
     * shell stays itself rather than becoming {@code sleep}).
     */
    private static Process standIn(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "sleep 120; true", "stand-in"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        String last = arguments[arguments.length - 1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Its command line is the shell's only once exec is done.
        while (!process.toHandle().info().arguments().map(a -> List.of(a).contains(last)).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return process;
    }
}
