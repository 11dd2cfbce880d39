package dev.breakeven.ui.hardware;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hardware page's fields use the shared bounds of core.io.UserNumbers. */
class NumberInputTest {
    @Test
    void infiniteNegativeAndAbsurdValuesGetAMessageBesideTheField() {
        assertThat(NumberInput.parse("Infinity", 10_000, "GB/s")).isEqualTo(new NumberInput.Invalid("\"Infinity\" is not a number"));
        assertThat(NumberInput.parse("1e999", 10_000, "GB/s"))
                .isEqualTo(new NumberInput.Invalid("Infinity is not a finite number"));
        assertThat(NumberInput.parse("-5", 10_000, "GB/s"))
                .isEqualTo(new NumberInput.Invalid("-5 is too small; it must be 0 or more GB/s"));
        assertThat(NumberInput.parse("1e15", 10_000, "GB/s"))
                .isEqualTo(new NumberInput.Invalid("1.00e+15 looks wrong; it must be at most 10,000 GB/s"));
        assertThat(NumberInput.parse("936,2 GB/s", 10_000, "GB/s")).isEqualTo(new NumberInput.Value(936.2));
        assertThat(NumberInput.parse(" ", 10_000, "GB/s")).isEqualTo(new NumberInput.Empty());
    }
}
