package dev.ordersaga.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.fault.check.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault scenario, short: each part of the stack killed and restarted under a steady workload, the topics
 * replayed and poisoned, everything killed at once. Nothing may be lost, stuck, oversold or applied twice, and
 * each dead-letter topic holds exactly the poison written for it.
 */
class FaultSuiteTest {

    @TempDir
    Path workDir;

    @Test
    void shouldLoseNothingOversellNothingAndApplyNothingTwiceWhateverIsKilled() throws Exception {
        FaultSuiteOptions options = FaultSuiteOptions.quick();
        List<ScenarioResult> results = new FaultSuite(projectRoot(), workDir, options).run();

        assertThat(results).extracting(ScenarioResult::scenario).containsExactlyElementsOf(options.scenarios());
        SoftAssertions softly = new SoftAssertions();
        for (ScenarioResult r : results) {
            String scenario = r.scenario() + ": " + r.problems();
            softly.assertThat(r.accepted()).as("%s accepted orders", scenario).isPositive();
            softly.assertThat(r.lost()).as("%s lost", scenario).isZero();
            softly.assertThat(r.stuck()).as("%s stuck", scenario).isZero();
            softly.assertThat(r.wrongOutcome()).as("%s wrong outcome", scenario).isZero();
            softly.assertThat(r.oversoldUnits()).as("%s oversold", scenario).isZero();
            softly.assertThat(r.duplicateEffects()).as("%s duplicate effects", scenario).isZero();
            softly.assertThat(r.stockOff()).as("%s stock off", scenario).isZero();
            softly.assertThat(r.deadLettersAsExpected()).as("%s dead letters %s", scenario, r.deadLetters())
                    .isTrue();
        }
        softly.assertAll();
    }

    /** Surefire runs in the module directory; the jars are in the sibling modules. */
    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
