package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.reference.ReferenceFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a run's output goes under {@code --out}: benchmarks.md, benchmarks/latencies.csv, benchmarks/summary.png. */
public record ReportFiles(Path markdown, Path csv, Path chart) {

    public static ReportFiles under(Path outDir) {
        return new ReportFiles(outDir.resolve("benchmarks.md"), outDir.resolve("benchmarks").resolve("latencies.csv"),
                outDir.resolve("benchmarks").resolve("summary.png"));
    }

    /** Writes all three; the analysis section of an existing benchmarks.md is kept. */
    public void write(RunInfo run, List<WorkloadResult> results, ReferenceFigures reference) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Optional<String> previous = Files.exists(markdown) ? Optional.of(Files.readString(markdown)) : Optional.empty();
        Files.writeString(markdown, MarkdownReport.render(run, results, reference, previous));
        LatencyCsv.write(results, csv);
        SummaryChart.write(results, run.strategies(), run.cases(), chart);
    }
}
