package dev.ordersaga.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void shouldAddUserSystemAndWaitedForChildrensTimeCountingFieldsFromTheLastParenthesis() {
        String line = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1 0 0 0 120 30 7 3 20 0 40 0 100 0 0";

        assertThat(ProcStat.ticksOfStatLine(line)).isEqualTo(120 + 30 + 7 + 3);
    }

    @Test
    void shouldCountEveryCpuStateButIdleAndIoWaitAsBusy() {
        assertThat(ProcStat.busyTicksOfCpuLine("cpu  100 5 50 1000 40 2 3 4 0 0")).isEqualTo(100 + 5 + 50 + 2 + 3 + 4);
    }

    @Test
    void shouldReadThisJvmsTimeAndNothingForAProcessThatIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();

        assertThat(ProcStat.ticksOf(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcStat.ticksOf(gone.pid())).isEmpty();
    }
}
