package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.Band;

import java.util.Locale;

/** How money, months and token volumes read on the page, in tooltips and in the report. */
final class Fmt {
    private Fmt() {
    }

    static String usd(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "never";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "$%,.0f", v) : String.format(Locale.ROOT, "$%,.2f", v);
    }

    static String usd(Double v) {
        return v == null ? "n/a" : usd(v.doubleValue());
    }

    /** Months with "never" for no payback and "immediately" for zero. */
    static String months(double m) {
        if (Double.isNaN(m)) {
            return "n/a";
        }
        if (Double.isInfinite(m)) {
            return "never";
        }
        if (m <= 0) {
            return "immediately";
        }
        if (m >= 24) {
            return String.format(Locale.ROOT, "%.1f months (%.1f years)", m, m / 12);
        }
        return String.format(Locale.ROOT, "%.1f months", m);
    }

    static String shortMonths(double m) {
        if (Double.isInfinite(m)) {
            return "never";
        }
        return m <= 0 ? "0" : String.format(Locale.ROOT, "%.1f", m);
    }

    static String monthsBand(Band b) {
        if (b.low() == b.high()) {
            return months(b.central());
        }
        return months(b.central()) + " (range " + shortMonths(b.low()) + "–" + shortMonths(b.high()) + ")";
    }

    static String usdBand(Band b) {
        if (b.low() == b.high()) {
            return usd(b.central());
        }
        return usd(b.central()) + " (" + usd(b.low()) + "–" + usd(b.high()) + ")";
    }

    /** 1.2k, 45M, 3.1B: token volumes on axes and in tooltips. */
    static String tokens(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "never";
        }
        double a = Math.abs(v);
        if (a >= 1e12) {
            return trim(v / 1e12) + "T";
        }
        if (a >= 1e9) {
            return trim(v / 1e9) + "B";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
