package dev.ordersaga.loadtest.report;

import java.util.Locale;

/** Number formats shared by the Markdown report and the console summary. */
final class Format {

    private Format() {
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    /** CPU ms per order: two decimals below 10 ms, where the small parts sit. */
    static String cpuMillis(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 10 ? millis(millis) : String.format(Locale.ROOT, "%.2f", millis);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** A share 0..1 as "12%". */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** {@code a / b} as "3.20x", or "n/a" when b is 0. */
    static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", a / b);
    }
}
