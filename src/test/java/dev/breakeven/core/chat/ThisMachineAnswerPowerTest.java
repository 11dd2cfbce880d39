package dev.breakeven.core.chat;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the meter Chat and bench get without any option ({@code SampledAnswerPower.forThisMachine} with no TDP,
 * as ChatPage and EngineOptions call it) gives watts and energy on every machine, labelled.
 */
class ThisMachineAnswerPowerTest {
    @Test
    void withoutASensorOrATdpAnAnswerStillGetsWattsAndJoulesLabelledAsAnEstimate() throws Exception {
        AnswerPower power = SampledAnswerPower.forThisMachine(OptionalDouble.empty(), "this machine");
        assertThat(power.label()).isNotEqualTo("unavailable");

        power.begin();
        long until = System.nanoTime() + 700_000_000L;
        double spin = 0;
        while (System.nanoTime() < until) {
            spin += Math.sqrt(spin + 1); // some load, as decoding would make
        }
        AnswerPower.Figures figures = power.end();

        assertThat(spin).isPositive();
        assertThat(figures.averageWatts()).isNotNull().isPositive();
        assertThat(figures.joules()).isNotNull().isPositive();
        assertThat(figures.joulesAboveIdle()).as("an idle draw, measured or the estimate's, is taken before")
                .isNotNull().isBetween(0.0, figures.joules());
        if (!figures.measured()) {
            assertThat(figures.source()).startsWith("estimated: ").endsWith(" × load");
            assertThat(power.label()).isEqualTo(figures.source());
        }
    }
}
