package dev.breakeven.core.cost;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a person types into one field: "1200", "1,000–1,700", "30-100", "0.17 to 0.30", "$1,000".
 * A single number is a point; two are a range with the midpoint as central value.
 */
public final class RangeText {
    private static final String NUMBER = "(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[-+]?\\d+)?)";
    private static final Pattern FORM = Pattern.compile(
            "^" + NUMBER + "(?:\\s*(?:–|—|-|\\.\\.|to)\\s*" + NUMBER + ")?$");

    private RangeText() {
    }

    /** The outcome of parsing: a range, nothing (blank), or a message saying what is wrong. */
    public sealed interface Parsed {
    }

    public record Value(Range range) implements Parsed {
    }

    public record Blank() implements Parsed {
    }

    public record Invalid(String message) implements Parsed {
    }

    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Blank();
        }
        String cleaned = text.strip().toLowerCase(Locale.ROOT)
                .replace(",", "").replace("_", "").replace("$", "").replace(" ", " ");
        cleaned = cleaned.replaceAll("\\s+", " ").replaceAll("\\s*(–|—|\\.\\.)\\s*", "$1");
        Matcher m = FORM.matcher(cleaned.replace(" to ", "to").replace(" - ", "-"));
        if (!m.matches()) {
            return new Invalid("not a number or a range like 1000–1700");
        }
        double low = Double.parseDouble(m.group(1));
        if (m.group(2) == null) {
            return new Value(Range.of(low));
        }
        double high = Double.parseDouble(m.group(2));
        if (high < low) {
            return new Invalid("the low end (" + format(low) + ") is above the high end (" + format(high) + ")");
        }
        return new Value(Range.between(low, high));
    }

    /** The text that parses back to the same range. */
    public static String format(Range range) {
        if (range == null) {
            return "";
        }
        if (range.isPoint()) {
            return format(range.mid());
        }
        return format(range.low()) + "–" + format(range.high());
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replaceAll("(\\.\\d*?)0+$", "$1");
    }
}
