package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostChartsTest {
    private final PriceCatalog catalog = PriceCatalog.bundled();

    @Test
    void volumeCurvesCrossAtTheBreakEvenVolume() {
        PointInputs p = Inputs.base().with(TOK_PER_SEC, Double.NaN);
        ChartSet charts = CostCharts.compute(RangeInputs.points(p), List.of());
        ChartSet.VolumeChart v = charts.volume();
        assertThat(v.currentVolume()).isEqualTo(45e6);
        // x spans 10^4 … 10^10 around 45M (10^7)
        assertThat(v.log10Volume()[0]).isEqualTo(4);
        assertThat(v.log10Volume()[v.log10Volume().length - 1]).isEqualTo(10);
        assertThat(v.crossings()).hasSize(1);
        // break-even 33.333 / 1.6e-6 = 20.83M tokens/month, found by interpolation between samples
        assertThat(v.crossings().getFirst().tokensPerMonth()).isCloseTo(20.833e6, within(0.2e6));
    }

    @Test
    void oneCurvePerChosenModel() {
        List<ApiPrice> models = List.of(catalog.find("openai/gpt-5").orElseThrow(),
                catalog.find("openai/gpt-5-nano").orElseThrow());
        ChartSet.VolumeChart v = CostCharts.compute(RangeInputs.points(Inputs.base()), models).volume();
        assertThat(v.apiCurves()).extracting(ChartSet.Curve::name).containsExactly("GPT-5", "GPT-5 nano");
        // at 10^7 tokens (index 30) with the 2:1 in/out mix: GPT-5 (2/3 × 1.25 + 1/3 × 10) = $4.1667/M → $41.67
        assertThat(v.apiCurves().getFirst().usd()[30]).isCloseTo((2.0 / 3 * 1.25 + 1.0 / 3 * 10) * 10, within(1e-6));
    }

    @Test
    void cumulativeLocalStartsAtTheHardwarePriceAndCrossesAtPayback() {
        ChartSet.CumulativeChart c = CostCharts.compute(RangeInputs.points(Inputs.base()), List.of()).cumulative();
        assertThat(c.localCentral()[0]).isEqualTo(1200);
        assertThat(c.apiCentral()[0]).isZero();
        // month 16: API 16 × 90 = 1440 < local 1200 + 16 × 18 = 1488; month 17: 1530 > 1506 → payback 16.67
        assertThat(c.apiCentral()[16]).isLessThan(c.localCentral()[16]);
        assertThat(c.apiCentral()[17]).isGreaterThan(c.localCentral()[17]);
        assertThat(c.paybackMonths().central()).isCloseTo(16.667, within(1e-3));
    }

    @Test
    void hybridEndsMatchPureApiAndPureLocal() {
        ChartSet.HybridChart h = CostCharts.compute(RangeInputs.points(Inputs.base()), List.of()).hybrid();
        assertThat(h.central()[0]).isCloseTo(1200.0 / 36 + 18, within(1e-9));
        assertThat(h.central()[h.central().length - 1]).isCloseTo(90, within(1e-9));
        assertThat(h.cheapestShare()).isZero();
    }
}
