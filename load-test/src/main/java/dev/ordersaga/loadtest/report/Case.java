package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.PollMode;

/** What a report section compares across strategies: one workload polled one way. */
public record Case(String workload, PollMode poll) {

    /** For headings and tables: {@code `hot`}, or {@code `hot`, long polling}. */
    public String title() {
        return "`" + workload + "`" + (poll == PollMode.LONG ? ", long polling" : "");
    }

    boolean matches(WorkloadResult result) {
        return result.workload().equals(workload) && result.poll() == poll;
    }
}
