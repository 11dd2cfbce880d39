package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RangeEvaluatorTest {

    @Test
    void pointInputsGiveZeroWidthBands() {
        CostBands b = RangeEvaluator.evaluate(RangeInputs.points(Inputs.base()));
        Band payback = b.band(CostMetric.PAYBACK_MONTHS);
        assertThat(payback.low()).isEqualTo(payback.high());
        assertThat(payback.central()).isCloseTo(1200.0 / 72, within(1e-9));
        assertThat(b.swings()).isEmpty();
    }

    @Test
    void paybackBandComesFromTheFavourableAndUnfavourableEnds() {
        RangeInputs in = RangeInputs.points(Inputs.base())
                .with(HARDWARE_USD, Range.between(1000, 1400))
                .with(KWH_USD, Range.between(0.10, 0.30));
        CostBands b = RangeEvaluator.evaluate(in);
        Band payback = b.band(CostMetric.PAYBACK_MONTHS);
        // best: $1,000 at $0.10 (energy $9): 1000 / 81; worst: $1,400 at $0.30 (energy $27): 1400 / 63
        assertThat(payback.low()).isCloseTo(1000.0 / 81, within(1e-9));
        assertThat(payback.high()).isCloseTo(1400.0 / 63, within(1e-9));
        assertThat(payback.central()).isCloseTo(1200.0 / 72, within(1e-9));
        assertThat(b.optimisticInputs().get(HARDWARE_USD)).isEqualTo(1000);
        assertThat(b.pessimisticInputs().get(KWH_USD)).isEqualTo(0.30);
    }

    @Test
    void bandCoversEveryCornerForMonotoneInputs() {
        RangeInputs in = RangeInputs.points(Inputs.base())
                .with(HARDWARE_USD, Range.between(1000, 1400))
                .with(API_OUTPUT_PRICE, Range.between(2, 6))
                .with(WATTS_LOAD, Range.between(250, 400));
        Band band = RangeEvaluator.evaluate(in).band(CostMetric.LOCAL_MONTHLY);
        for (double h : new double[] {1000, 1400}) {
            for (double o : new double[] {2, 6}) {
                for (double w : new double[] {250, 400}) {
                    PointInputs p = in.mid().with(HARDWARE_USD, h).with(API_OUTPUT_PRICE, o).with(WATTS_LOAD, w);
                    double v = CostModel.evaluate(p).localMonthlyUsd();
                    assertThat(v).isBetween(band.low() - 1e-9, band.high() + 1e-9);
                }
            }
        }
    }

    @Test
    void neverAtOneEndMakesTheHighEndInfinite() {
        RangeInputs in = RangeInputs.points(Inputs.base()).with(KWH_USD, Range.between(0.1, 3.0));
        Band payback = RangeEvaluator.evaluate(in).band(CostMetric.PAYBACK_MONTHS);
        assertThat(payback.high()).isInfinite();
        assertThat(payback.low()).isCloseTo(1200.0 / 81, within(1e-9));
    }

    @Test
    void tornadoPutsTheWidestSwingFirst() {
        RangeInputs in = RangeInputs.points(Inputs.base())
                .with(HARDWARE_USD, Range.between(1100, 1300))
                .with(API_OUTPUT_PRICE, Range.between(2, 6));
        var bars = Tornado.of(RangeEvaluator.evaluate(in));
        assertThat(bars).hasSize(2);
        assertThat(bars.getFirst().input()).isEqualTo(API_OUTPUT_PRICE);
        // API at $2 out: (1 + 1) × 30 = $60 → 1200 / 42; at $6: (1 + 3) × 30 = $120 → 1200 / 102
        assertThat(bars.getFirst().paybackAtLow()).isCloseTo(1200.0 / 42, within(1e-9));
        assertThat(bars.getFirst().paybackAtHigh()).isCloseTo(1200.0 / 102, within(1e-9));
        assertThat(bars.get(1).swing()).isLessThan(bars.getFirst().swing());
    }
}
