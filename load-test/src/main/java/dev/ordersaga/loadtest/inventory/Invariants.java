package dev.ordersaga.loadtest.inventory;

import java.util.List;

/** The checks run after a workload; the run fails when one does not hold. */
public record Invariants(List<Check> checks) {

    public Invariants {
        checks = List.copyOf(checks);
    }

    /** @param detail what was found, e.g. the first products that break it */
    public record Check(String name, boolean passed, String detail) {
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** "PASS", or "FAIL (no oversell, no lost order)". */
    public String verdict() {
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(Check::name).toList();
        return failed.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", failed) + ")";
    }
}
