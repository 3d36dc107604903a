package dev.ordersaga.loadtest.report;

import dev.ordersaga.loadtest.client.PollMode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * docs/benchmarks/summary.png, drawn with java.awt (headless): above, p50/p95/p99 per workload and strategy (one
 * bar per strategy, darker for lower percentiles, log scale since the strategies can be orders of magnitude
 * apart); below, settled orders/s per workload and strategy. Each bar is the median over the repetitions.
 */
public final class SummaryChart {

    private static final int WIDTH = 1400;
    private static final int PANEL_HEIGHT = 440;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final Color[] STRATEGY_COLORS = {new Color(0x2E7D32), new Color(0xC62828), new Color(0x1565C0),
        new Color(0xEF6C00)};
    private static final List<String> PERCENTILES = List.of("p99", "p95", "p50");

    private SummaryChart() {
    }

    public static void write(List<WorkloadResult> results, List<String> strategies, List<Case> cases,
                             Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(draw(results, strategies, cases), "png", file.toFile())) {
            throw new IOException("No PNG writer in this JVM");
        }
    }

    static BufferedImage draw(List<WorkloadResult> results, List<String> strategies, List<Case> workloads) {
        BufferedImage image = new BufferedImage(WIDTH, 2 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            Chart chart = new Chart(g, results, strategies, workloads);
            chart.panel(0, "Time to settled status, ms (log scale): bar = p99, lighter to darker = p99, p95, p50",
                    true, List.of(r -> r.latency().p99(), r -> r.latency().p95(), r -> r.latency().p50()));
            chart.panel(PANEL_HEIGHT, "Settled orders/s", false, List.of(WorkloadResult::ordersPerSecond));
            chart.legend();
        } finally {
            g.dispose();
        }
        return image;
    }

    private record Chart(Graphics2D g, List<WorkloadResult> results, List<String> strategies,
                         List<Case> workloads) {

        void panel(int top, String title, boolean log, List<ToDoubleFunction<WorkloadResult>> layers) {
            int plotTop = top + TOP;
            int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
            int plotWidth = WIDTH - LEFT - RIGHT;
            double max = workloads.stream().flatMap(c -> strategies.stream().map(s -> median(s, c, layers.get(0))))
                    .mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max().orElse(1);
            Scale scale = log ? Scale.log(max) : Scale.linear(max);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, top + 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double tick : scale.ticks()) {
                int y = plotTop + plotHeight - (int) Math.round(scale.fraction(tick) * plotHeight);
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = tick == Math.rint(tick) ? Long.toString((long) tick) : Format.millis(tick);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            int groupWidth = plotWidth / Math.max(1, workloads.size());
            int barWidth = Math.min(90, Math.max(4, (int) (groupWidth * 0.7 / Math.max(1, strategies.size()))));
            for (int w = 0; w < workloads.size(); w++) {
                int groupLeft = LEFT + w * groupWidth + (groupWidth - barWidth * strategies.size()) / 2;
                for (int s = 0; s < strategies.size(); s++) {
                    String strategy = strategies.get(s);
                    Case measured = workloads.get(w);
                    if (Double.isNaN(median(strategy, measured, layers.get(0)))) {
                        continue;
                    }
                    int x = groupLeft + s * barWidth;
                    for (int layer = 0; layer < layers.size(); layer++) {
                        double value = median(strategy, measured, layers.get(layer));
                        int height = (int) Math.round(scale.fraction(value) * plotHeight);
                        g.setColor(shade(STRATEGY_COLORS[s % STRATEGY_COLORS.length], layer, layers.size()));
                        g.fillRect(x + 1, plotTop + plotHeight - height, barWidth - 2, height);
                    }
                    double top0 = median(strategy, measured, layers.get(0));
                    String label = Format.millis(top0);
                    g.setColor(Color.BLACK);
                    int labelY = plotTop + plotHeight - (int) Math.round(scale.fraction(top0) * plotHeight) - 4;
                    g.drawString(label, x + (barWidth - g.getFontMetrics().stringWidth(label)) / 2, labelY);
                }
                g.setColor(Color.BLACK);
                Case measured = workloads.get(w);
                String name = measured.workload() + (measured.poll() == PollMode.LONG ? " (long)" : "");
                g.drawString(name, LEFT + w * groupWidth + (groupWidth - g.getFontMetrics().stringWidth(name)) / 2,
                        plotTop + plotHeight + 20);
            }
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            g.drawLine(LEFT, plotTop + plotHeight, LEFT + plotWidth, plotTop + plotHeight);
            g.drawLine(LEFT, plotTop, LEFT, plotTop + plotHeight);
        }

        void legend() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            int x = WIDTH - RIGHT - 200 * strategies.size();
            for (int s = 0; s < strategies.size(); s++) {
                g.setColor(STRATEGY_COLORS[s % STRATEGY_COLORS.length]);
                g.fillRect(x, 14, 16, 16);
                g.setColor(Color.BLACK);
                g.drawString(strategies.get(s), x + 22, 27);
                x += 200;
            }
        }

        private double median(String strategy, Case measured, ToDoubleFunction<WorkloadResult> value) {
            return Repeated.of(results, strategy, measured).spread(value).median();
        }
    }

    /** Layer 0 (the largest value, drawn first) is lightest, the last layer the strategy's own colour. */
    private static Color shade(Color base, int layer, int layers) {
        double lighten = layers == 1 ? 0 : 0.6 * (layers - 1 - layer) / (layers - 1);
        return new Color(mix(base.getRed(), lighten), mix(base.getGreen(), lighten), mix(base.getBlue(), lighten));
    }

    private static int mix(int channel, double lighten) {
        return (int) Math.round(channel + (255 - channel) * lighten);
    }

    /** Maps a value to 0..1 of the plot's height. */
    record Scale(boolean log, double top) {

        static Scale linear(double max) {
            double step = niceStep(max <= 0 ? 1 : max);
            return new Scale(false, Math.ceil((max <= 0 ? 1 : max) / step) * step);
        }

        static Scale log(double max) {
            return new Scale(true, Math.pow(10, Math.ceil(Math.log10(Math.max(10, max)))));
        }

        double fraction(double value) {
            if (value <= 0) {
                return 0;
            }
            if (log) {
                // From 1 ms (bottom) to the decade above the largest value.
                return Math.max(0, Math.log10(Math.max(1, value)) / Math.log10(top));
            }
            return Math.min(1, value / top);
        }

        List<Double> ticks() {
            if (log) {
                return java.util.stream.IntStream.rangeClosed(0, (int) Math.round(Math.log10(top)))
                        .mapToObj(e -> Math.pow(10, e)).toList();
            }
            double step = niceStep(top);
            return java.util.stream.DoubleStream.iterate(0, t -> t <= top + step / 2, t -> t + step).boxed().toList();
        }

        /** 1, 2 or 5 times a power of ten, for about five grid lines. */
        private static double niceStep(double max) {
            double raw = max / 5;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double unit = raw / power;
            return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
        }
    }
}
