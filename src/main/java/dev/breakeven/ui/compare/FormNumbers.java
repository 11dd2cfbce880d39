package dev.breakeven.ui.compare;

import dev.breakeven.core.io.UserNumbers;

import java.util.Locale;

/** Parses the numbers typed into the Compare form, with a sentence naming the field when one does not parse. */
final class FormNumbers {
    private FormNumbers() {
    }

    /** The number in text, between 0 and max; throws IllegalArgumentException with a sentence otherwise. */
    static double parse(String text, String label, double max) {
        try {
            double v = Double.parseDouble(text.strip().replace(",", "").replace("_", ""));
            // The bounds and wording every typed number shares (core.io.UserNumbers).
            return UserNumbers.require(label, v, new UserNumbers.Limit(0, true, max, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " is not a number: '" + text + "'.");
        }
    }

    /** A figure as the form shows it: whole numbers without a decimal point. */
    static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
