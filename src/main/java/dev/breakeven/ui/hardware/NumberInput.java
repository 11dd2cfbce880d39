package dev.breakeven.ui.hardware;

import dev.breakeven.core.io.UserNumbers;

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
            // The bounds and wording every typed number shares (core.io.UserNumbers).
            return UserNumbers.problem(value, new UserNumbers.Limit(0, false, max, unit))
                    .<NumberInput>map(p -> new Invalid(Character.toUpperCase(p.charAt(0)) + p.substring(1)))
                    .orElseGet(() -> new Value(value));
        } catch (NumberFormatException e) {
            return new Invalid("\"" + text.strip() + "\" is not a number");
        }
    }
}
