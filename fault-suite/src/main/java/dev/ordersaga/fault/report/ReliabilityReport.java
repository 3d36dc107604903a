package dev.ordersaga.fault.report;

import dev.ordersaga.fault.check.ScenarioResult;
import dev.ordersaga.loadtest.report.MachineInfo;
import dev.ordersaga.loadtest.report.MarkdownReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * docs/reliability.md: everything above {@link #GUARANTEES_MARKER} is written by the tool on each run; what was
 * written by hand below it is carried over untouched.
 */
public final class ReliabilityReport {

    public static final String GUARANTEES_MARKER = "<!-- guarantees: kept by the tool -->";

    private static final String NO_GUARANTEES = """

            ## What this shows

            (Written by hand: the guarantees these runs show, in plain words. `./fault-suite.sh` keeps this section.)
            """;

    private ReliabilityReport() {
    }

    public static String render(List<ScenarioResult> results, MachineInfo machine, String command, Instant started,
                                String settings, Optional<String> previous) {
        StringBuilder md = new StringBuilder("# Reliability\n\n");
        md.append("Written by `./fault-suite.sh` (module `fault-suite`); run it again to refresh everything above"
                + " the hand-written part.\n\n");
        MarkdownReport.table(md, List.of("", ""), List.of(
                List.of("machine", machine.describe()),
                List.of("Java", machine.java()),
                List.of("command", "`" + command + "`"),
                List.of("date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        started.atOffset(ZoneOffset.UTC).withNano(0)) + " UTC"),
                List.of("settings", settings)));
        md.append("""

                Each scenario runs a steady stream of customers against the stack (separate processes: the broker, \
                PostgreSQL, and two instances of each service; `everything` runs `./run-local.sh`'s launcher with \
                one of each). A customer orders 1-4 lines of the scenario's own products (stock limited, so some \
                orders fail `OUT_OF_STOCK`), then pays, pays with a declined card, cancels or walks away. The fault \
                strikes part-way through; afterwards every order is followed to its final status and checked from \
                outside, over REST and Kafka:

                - **lost**: answered 202, later unknown (404). **stuck**: not final within the bound.
                - **wrong outcome**: final, but not what the customer did (paid → `PAID`, declined → `FAILED` \
                `PAYMENT_DECLINED`, cancelled → `CANCELLED`, walked away → `EXPIRED`; an order that failed its \
                reservation never awaited payment; a customer who acted at the deadline may find it `EXPIRED`).
                - **oversold**: units of `PAID` orders beyond the stock put, summed over products.
                - **duplicate effects**: a history with a status twice, a status after the final one or not \
                exactly one final status, or an order holding two payment authorisations (authorised, not voided).
                - **stock off**: products whose books do not balance once every order is final: available + \
                reserved + committed = stock put, reserved = 0, committed = units of the `PAID` orders.
                - **dead letters**: per dead-letter topic, poison written for it = records found there (every \
                poison record once, value unchanged, nothing else).
                - **max to final**: the longest time from 202 to the final status (walk-aways wait for the payment \
                deadline). **recovery**: from the fault until an order placed after it had its reservation decided.
                """);
        md.append("\n## Results\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (ScenarioResult r : results) {
            rows.add(List.of("`" + r.scenario() + "`", String.valueOf(r.accepted()), String.valueOf(r.notAccepted()),
                    String.valueOf(r.lost()), String.valueOf(r.stuck()), String.valueOf(r.wrongOutcome()),
                    String.valueOf(r.oversoldUnits()), String.valueOf(r.duplicateEffects()),
                    String.valueOf(r.stockOff()), r.deadLettersAsExpected() ? "as expected" : "**wrong**",
                    seconds(r.maxTimeToFinal()), r.recovery() == null ? "-" : seconds(r.recovery()),
                    r.passed() ? "PASS" : "**FAIL**"));
        }
        MarkdownReport.table(md, List.of("scenario", "orders (202)", "not accepted", "lost", "stuck",
                "wrong outcome", "oversold", "duplicate effects", "stock off", "dead letters", "max to final",
                "recovery", "verdict"), rows);
        for (ScenarioResult r : results) {
            md.append("\n### `").append(r.scenario()).append("`\n\n").append(r.fault()).append(".\n\n");
            md.append("Dead letters (expected = found): ").append(r.deadLetters()).append(".\n");
            if (!r.problems().isEmpty()) {
                md.append("\nFound:\n\n");
                r.problems().forEach(p -> md.append("- ").append(p.replace("|", "\\|")).append('\n'));
            }
        }
        md.append('\n').append(GUARANTEES_MARKER).append('\n');
        md.append(previous.map(ReliabilityReport::handWrittenPart).orElse(NO_GUARANTEES));
        return md.toString();
    }

    static String handWrittenPart(String previous) {
        int marker = previous.indexOf(GUARANTEES_MARKER);
        if (marker < 0) {
            return NO_GUARANTEES;
        }
        String kept = previous.substring(marker + GUARANTEES_MARKER.length());
        return kept.startsWith("\n") ? kept.substring(1) : kept;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
