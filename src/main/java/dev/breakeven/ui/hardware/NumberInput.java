package dev.breakeven.ui.hardware;

import java.util.Locale;

/** What a typed number came to: empty (clear the override), a value, or a message to show beside the field. */
public sealed interface NumberInput {
    record Empty() implements NumberInput {
    }

    record Value(double value) implements NumberInput {
    }

    record Invalid(String message) implements NumberInput {
    }

    /** A positive number no larger than {@code max}; "," is taken as a decimal point. */
    static NumberInput parse(String text, double max, String unit) {
        if (text == null || text.isBlank()) {
            return new Empty();
        }
        String cleaned = text.strip().replace(',', '.').toLowerCase(Locale.ROOT).replace(unit.toLowerCase(Locale.ROOT), "").strip();
        try {
            double value = Double.parseDouble(cleaned);
            if (!Double.isFinite(value) || value <= 0) {
                return new Invalid("Enter a number above 0");
            }
            if (value > max) {
                return new Invalid("That is more than " + (long) max + " " + unit);
            }
            return new Value(value);
        } catch (NumberFormatException e) {
            return new Invalid("\"" + text.strip() + "\" is not a number");
        }
    }
}
