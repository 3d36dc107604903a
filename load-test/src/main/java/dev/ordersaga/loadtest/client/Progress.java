package dev.ordersaga.loadtest.client;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line progress bar, redrawn in place: workload, strategy, done/total, orders/s, ETA. */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 24;

    private final String label;
    private final int total;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final ScheduledExecutorService redraw;

    private Progress(String label, int total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.redraw = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Progress start(String label, int total, PrintStream out) {
        Progress progress = new Progress(label, total, out);
        progress.redraw.scheduleAtFixedRate(progress::draw, 0, 250, TimeUnit.MILLISECONDS);
        return progress;
    }

    public void orderDone() {
        done.incrementAndGet();
    }

    private void draw() {
        out.print("\r" + line(label, done.get(), total, (System.nanoTime() - started) / 1e9));
        out.flush();
    }

    /** E.g. {@code hot | optimistic [#########-----] 1200/3000  812/s  ETA 2s}. */
    static String line(String label, int done, int total, double elapsedSeconds) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        String eta = rate > 0 ? Math.round((total - done) / rate) + "s" : "?";
        return "%-32s [%s%s] %d/%d %6.0f/s ETA %-6s".formatted(label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, rate, eta);
    }

    @Override
    public void close() {
        redraw.shutdownNow();
        try {
            redraw.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        out.println();
    }
}
