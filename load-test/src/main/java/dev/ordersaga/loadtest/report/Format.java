package dev.ordersaga.loadtest.report;

import java.util.Locale;

/** Number formats shared by the Markdown report and the console summary. */
final class Format {

    private Format() {
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String millis(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** {@code a / b} as "3.20x", or "n/a" when b is 0. */
    static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", a / b);
    }
}
