package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;

class InputValidatorTest {

    private static List<FieldProblem> problems(CostInput key, Range value) {
        return InputValidator.validate(RangeInputs.points(Inputs.base()).with(key, value)).stream()
                .filter(p -> p.input() == key).toList();
    }

    @Test
    void theBaseCaseIsValid() {
        assertThat(InputValidator.validate(RangeInputs.points(Inputs.base()))).isEmpty();
    }

    @Test
    void flagsNegativeZeroNanAbsurdAndMissing() {
        assertThat(problems(HARDWARE_USD, Range.of(-5))).extracting(FieldProblem::message)
                .containsExactly("must not be negative");
        assertThat(problems(AMORTIZE_MONTHS, Range.of(0))).extracting(FieldProblem::message)
                .containsExactly("must be more than 0");
        assertThat(problems(KWH_USD, Range.of(Double.NaN))).extracting(FieldProblem::message)
                .containsExactly("not a finite number");
        assertThat(problems(LOAD_HOURS, Range.of(25))).extracting(FieldProblem::message)
                .containsExactly("looks wrong: above 24 h");
        assertThat(problems(WATTS_LOAD, null)).extracting(FieldProblem::message).containsExactly("required");
        assertThat(problems(TOK_PER_SEC, null)).isEmpty();
        assertThat(problems(MONTHLY_GROWTH, Range.of(-0.1))).isEmpty();
    }

    @Test
    void crossFieldRules() {
        assertThat(problems(WATTS_IDLE, Range.of(500))).extracting(FieldProblem::message)
                .containsExactly("idle power is above the power under load");
        assertThat(problems(RESALE_USD, Range.of(5000))).extracting(FieldProblem::message)
                .containsExactly("resale value is above what the rig cost");
    }

    @Test
    void rangeTextReadsPointsRangesAndRejectsNonsense() {
        assertThat(RangeText.parse("1,000–1,700")).isEqualTo(new RangeText.Value(Range.between(1000, 1700)));
        assertThat(RangeText.parse("$1200")).isEqualTo(new RangeText.Value(Range.of(1200)));
        assertThat(RangeText.parse("30 - 100")).isEqualTo(new RangeText.Value(Range.between(30, 100)));
        assertThat(RangeText.parse("0.17 to 0.3")).isEqualTo(new RangeText.Value(Range.between(0.17, 0.3)));
        assertThat(RangeText.parse("-0.05")).isEqualTo(new RangeText.Value(Range.of(-0.05)));
        assertThat(RangeText.parse("  ")).isInstanceOf(RangeText.Blank.class);
        assertThat(RangeText.parse("abc")).isInstanceOf(RangeText.Invalid.class);
        assertThat(RangeText.parse("100-30")).isInstanceOf(RangeText.Invalid.class);
        assertThat(RangeText.format(Range.between(1000, 1700))).isEqualTo("1000–1700");
        assertThat(RangeText.parse(RangeText.format(Range.between(0.15, 0.32))))
                .isEqualTo(new RangeText.Value(Range.between(0.15, 0.32)));
    }
}
