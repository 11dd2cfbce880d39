package dev.breakeven.ui.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Compare form's numbers use the shared bounds of core.io.UserNumbers. */
class FormNumbersTest {
    @Test
    void infiniteAndAbsurdValuesAreRefusedWithTheFieldName() {
        assertThatThrownBy(() -> FormNumbers.parse("Infinity", "Price of option 1", 10_000_000))
                .hasMessage("Price of option 1: Infinity is not a finite number");
        assertThatThrownBy(() -> FormNumbers.parse("1e15", "Electricity price", 5))
                .hasMessage("Electricity price: 1.00e+15 looks wrong; it must be at most 5");
        assertThatThrownBy(() -> FormNumbers.parse("cheap", "Electricity price", 5))
                .hasMessage("Electricity price is not a number: 'cheap'.");
        assertThat(FormNumbers.parse("1,500", "Price of option 1", 10_000_000)).isEqualTo(1500);
    }
}
