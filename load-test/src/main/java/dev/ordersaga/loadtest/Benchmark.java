package dev.ordersaga.loadtest;

import dev.ordersaga.loadtest.client.BlockingHttpClient;
import dev.ordersaga.loadtest.client.ClosedLoopDriver;
import dev.ordersaga.loadtest.client.KafkaOrderPlacer;
import dev.ordersaga.loadtest.client.OpenLoopDriver;
import dev.ordersaga.loadtest.client.OrderOutcome;
import dev.ordersaga.loadtest.client.OrderPlacer;
import dev.ordersaga.loadtest.client.OrderTracker;
import dev.ordersaga.loadtest.client.PollMode;
import dev.ordersaga.loadtest.client.Progress;
import dev.ordersaga.loadtest.client.RestOrderPlacer;
import dev.ordersaga.loadtest.cpu.CpuMeter;
import dev.ordersaga.loadtest.inventory.InvariantChecker;
import dev.ordersaga.loadtest.inventory.Invariants;
import dev.ordersaga.loadtest.inventory.InventoryClient;
import dev.ordersaga.loadtest.inventory.InventoryCounterScrape;
import dev.ordersaga.loadtest.inventory.StockLevel;
import dev.ordersaga.loadtest.reference.KafkaFigures;
import dev.ordersaga.loadtest.reference.KafkaReference;
import dev.ordersaga.loadtest.reference.PostgresFigures;
import dev.ordersaga.loadtest.reference.PostgresReference;
import dev.ordersaga.loadtest.reference.ReferenceFigures;
import dev.ordersaga.loadtest.reference.ReferenceSize;
import dev.ordersaga.loadtest.report.Case;
import dev.ordersaga.loadtest.report.ConsoleSummary;
import dev.ordersaga.loadtest.report.MachineInfo;
import dev.ordersaga.loadtest.report.ReportFiles;
import dev.ordersaga.loadtest.report.RunInfo;
import dev.ordersaga.loadtest.report.StackWarmUp;
import dev.ordersaga.loadtest.report.WorkloadResult;
import dev.ordersaga.loadtest.workload.Load;
import dev.ordersaga.loadtest.workload.Workload;
import dev.ordersaga.loadtest.workload.Workloads;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A whole run: per repetition and strategy, interleaved (optimistic, distributed-lock, optimistic, ...), a fresh
 * stack, on the first one the reference figures, then every workload in every polling mode (stock, warm-up,
 * measured orders, counters, CPU, invariants); finally the report files and the console summary.
 */
public final class Benchmark {

    private final BenchOptions options;
    private final PrintStream out;
    private static final int WARM_UP_ROUND = 1000;

    /**
     * Every request the bench sends. 256 threads: as many polls in flight as a closed loop has clients, and room for
     * an open loop's backlog.
     */
    private final BlockingHttpClient web = new BlockingHttpClient(256, Duration.ofSeconds(5));
    /** Unique per run, so that runs against the same stack never share products. */
    private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    public Benchmark(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The outcome of a run: what was measured, and whether every invariant held. */
    public record Result(List<WorkloadResult> results, List<StackWarmUp> warmUps, ReferenceFigures reference,
                         ReportFiles files) {

        public boolean invariantsHeld() {
            return results.stream().allMatch(r -> r.invariants().passed());
        }
    }

    public Result run() throws Exception {
        try {
            return runEveryStrategy();
        } finally {
            web.close();
        }
    }

    private Result runEveryStrategy() throws Exception {
        Instant started = Instant.now();
        List<WorkloadResult> results = new ArrayList<>();
        List<StackWarmUp> warmUps = new ArrayList<>();
        ReferenceFigures reference = ReferenceFigures.none();
        String target = "";
        Optional<String> durability = Optional.empty();
        for (int repetition = 1; repetition <= options.repetitions(); repetition++) {
            for (String strategy : options.strategies()) {
                String run = strategy + ", repetition " + repetition + " of " + options.repetitions();
                out.println(options.existing().isPresent()
                        ? "Driving " + run + "..."
                        : "Starting a fresh local stack with inventory.reservation.strategy=" + run + "...");
                try (StackUnderTest stack = options.existing().isPresent()
                        ? StackUnderTest.existing(options.existing().get())
                        : StackUnderTest.start(options.projectRoot(), strategy)) {
                    target = stack.description();
                    if (durability.isEmpty()) {
                        durability = stack.commitDurability();
                    }
                    if (results.isEmpty() && options.reference().isPresent()) {
                        reference = reference(stack, options.reference().get());
                    }
                    warmUps.add(new StackWarmUp(strategy, repetition, warmUp(stack, strategy, repetition)));
                    for (String workload : options.workloads()) {
                        for (PollMode poll : options.pollModes()) {
                            results.add(measure(stack, strategy, repetition, workload, poll));
                        }
                    }
                }
            }
        }
        List<Case> cases = options.workloads().stream()
                .flatMap(w -> options.pollModes().stream().map(p -> new Case(w, p))).toList();
        ReportFiles files = ReportFiles.under(options.out());
        files.write(new RunInfo(MachineInfo.current(), options.command(), started, target, options.strategies(),
                cases, options.repetitions(), durability, warmUps), results, reference);
        out.println();
        out.print(ConsoleSummary.render(results));
        out.println("\nReport: " + files.markdown() + ", raw latencies: " + files.csv() + ", chart: " + files.chart());
        return new Result(results, warmUps, reference, files);
    }

    /**
     * A fresh stack's five JVMs share two cores with their JIT compilers, which keep working for minutes: rounds of
     * {@value #WARM_UP_ROUND} unmeasured orders on a fresh stack settled 35, 65, 76, 86, 88 orders/s, and on
     * another 34, 66, 78, 81, 92, 99, 109, 106. Every stack gets the same number of rounds, and each round's rate
     * is printed and reported, so that a run shows whether it warmed up enough, and how the first thousand orders
     * of a fresh stack compare with its steady rate.
     */
    private List<Double> warmUp(StackUnderTest stack, String strategy, int repetition) throws Exception {
        String prefix = productPrefix(strategy, repetition) + "stack-";
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round * WARM_UP_ROUND <= options.stackWarmUpOrders(); round++) {
            Workload warmUp = Workloads.warmUp(WARM_UP_ROUND, Load.closed(64, Duration.ofMillis(50)),
                    prefix + round + "-", options.seed() + round);
            new InventoryClient(web, stack.inventoryUrl()).putStock(warmUp.stock());
            List<OrderOutcome> outcomes = drive(stack, warmUp, PollMode.SHORT,
                    "warm-up stack " + round + " | " + strategy);
            double rate = WorkloadResult.settledPerSecond(outcomes);
            rates.add(rate);
            out.printf(Locale.ROOT, "  warm-up round %d: %.1f orders/s%n", round, rate);
        }
        return rates;
    }

    private WorkloadResult measure(StackUnderTest stack, String strategy, int repetition, String name,
                                   PollMode poll) throws Exception {
        String prefix = productPrefix(strategy, repetition) + name + (poll == PollMode.LONG ? "-L-" : "-");
        String label = name + (poll == PollMode.LONG ? " long-poll" : "") + " | " + strategy + " #" + repetition;
        Workload workload = Workloads.plan(name, options.ordersOf(name), options.loadOf(name), prefix,
                options.seed());
        Workload warmUp = Workloads.warmUp(Math.max(1, options.warmUpOrders()), workload.load(), prefix,
                options.seed());
        InventoryClient inventory = new InventoryClient(web, stack.inventoryUrl());
        inventory.putStock(workload.stock());
        inventory.putStock(warmUp.stock());
        if (options.warmUpOrders() > 0) {
            drive(stack, warmUp, poll, "warm-up " + label);
        }
        InventoryCounterScrape before = InventoryCounterScrape.parse(inventory.prometheus());
        CpuMeter.Sample cpuBefore = stack.cpu().sample();
        List<OrderOutcome> outcomes = drive(stack, workload, poll, label);
        Map<String, Double> cpu = stack.cpu().sample().millisSince(cpuBefore);
        InventoryCounterScrape during = InventoryCounterScrape.parse(inventory.prometheus()).since(before);
        Map<String, StockLevel> stockNow = inventory.stockOf(workload.stock().keySet());
        Invariants invariants = InvariantChecker.check(workload.stock(), outcomes, stockNow);
        if (!invariants.passed()) {
            out.println("  invariants broken: " + invariants.verdict());
        }
        return new WorkloadResult(strategy, name, poll, repetition, workload.description(),
                workload.load().describe(), outcomes, during, invariants, cpu);
    }

    /** Products (and orders) of this run, strategy and repetition, so that no two workloads share stock. */
    private String productPrefix(String strategy, int repetition) {
        return "b" + runId + "-" + (strategy.length() > 8 ? strategy.substring(0, 8) : strategy) + "-" + repetition
                + "-";
    }

    private List<OrderOutcome> drive(StackUnderTest stack, Workload workload, PollMode poll, String label)
            throws Exception {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "polls");
            thread.setDaemon(true);
            return thread;
        });
        try (OrderPlacer placer = options.viaKafka()
                ? new KafkaOrderPlacer(stack.bootstrapServers().orElseThrow())
                : new RestOrderPlacer(web, stack.orderUrl());
             Progress progress = Progress.start(label, workload.orders().size(), out)) {
            OrderTracker tracker = new OrderTracker(placer, web, stack.orderUrl(), timer,
                    workload.load().pollInterval(), poll, options.orderTimeout());
            return workload.load().openLoop()
                    ? OpenLoopDriver.run(workload.orders(), workload.load().ratePerSecond(), tracker, progress)
                    : ClosedLoopDriver.run(workload.orders(), workload.load().clients(), tracker, progress);
        } finally {
            timer.shutdownNow();
        }
    }

    /** A reference figure that cannot be measured is left out of the report, with a word on the console. */
    private ReferenceFigures reference(StackUnderTest stack, ReferenceSize size) {
        out.println("Measuring the reference figures (Kafka and PostgreSQL alone)...");
        Optional<KafkaFigures> kafka = Optional.empty();
        Optional<PostgresFigures> postgres = Optional.empty();
        if (stack.bootstrapServers().isPresent()) {
            try {
                kafka = Optional.of(KafkaReference.measure(stack.bootstrapServers().get(), size));
            } catch (Exception e) {
                out.println("  Kafka reference figures not measured: " + e);
            }
        }
        if (stack.benchDatabase().isPresent()) {
            StackUnderTest.Database db = stack.benchDatabase().get();
            try {
                postgres = Optional.of(PostgresReference.measure(db.jdbcUrl(), db.user(), db.password(), size));
            } catch (Exception e) {
                out.println("  PostgreSQL reference figures not measured: " + e);
            }
        }
        return new ReferenceFigures(kafka, postgres);
    }
}
