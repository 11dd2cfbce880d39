package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.QuantCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MoE prompt processing against the published MoE rows of the calibration set, each predicted by factors fitted
 * without it (leave-one-out), with the expert-GEMM term and without it (every FLOP at the dense rate, as before).
 * The figures it prints are the ones in docs/fit.md, "MoE prefill".
 */
class MoePrefillCalibrationTest {
    private final CalibrationData data = CalibrationData.load();
    private final MemoryModel memory = new MemoryModel(data.constants());

    private static final Predicate<Calibration.PointError> FITTED_MOE_PP = e -> e.moe()
            && e.measurement().ppTokPerSec() != null
            && e.measurement().ubatchOrDefault() >= Calibration.MIN_FIT_UBATCH;

    @Test
    void heldOutMoePromptErrorFallsWithTheExpertGemmTerm() {
        List<Calibration.PointError> before = Calibration.leaveOneOut(data, ModelCatalog.load(), QuantCatalog.load(),
                memory, false);
        List<Calibration.PointError> after = Calibration.leaveOneOut(data, ModelCatalog.load(), QuantCatalog.load(),
                memory, true);
        for (int i = 0; i < after.size(); i++) {
            Calibration.PointError b = before.get(i);
            Calibration.PointError a = after.get(i);
            if (a.moe()) {
                System.out.printf(Locale.ROOT, "%-9s %-14s %-6s ub %4d  pp %8.1f  before %8.1f (%+4.0f%%)  after %8.1f"
                                + " (%+4.0f%%)  tg %6.1f pred %6.1f (%+4.0f%%)%n",
                        a.device().id(), a.measurement().model(), a.measurement().quant(),
                        a.measurement().ubatchOrDefault(), nan(a.measurement().ppTokPerSec()), b.predictedPp(),
                        100 * signed(b.predictedPp(), a.measurement().ppTokPerSec()), a.predictedPp(),
                        100 * signed(a.predictedPp(), a.measurement().ppTokPerSec()),
                        nan(a.measurement().tgTokPerSec()), a.predictedTg(),
                        100 * signed(a.predictedTg(), a.measurement().tgTokPerSec()));
            }
        }
        double medianBefore = median(before, FITTED_MOE_PP);
        double medianAfter = median(after, FITTED_MOE_PP);
        double tgMoe = Calibration.median(after.stream().filter(Calibration.PointError::moe)
                .mapToDouble(Calibration.PointError::tgError).filter(e -> !Double.isNaN(e)).toArray());
        System.out.printf(Locale.ROOT, "held-out MoE prompt median error: before %.1f%%, after %.1f%%; "
                + "held-out MoE decode median error %.1f%%%n", 100 * medianBefore, 100 * medianAfter, 100 * tgMoe);
        assertThat(after.stream().filter(FITTED_MOE_PP).count()).isGreaterThanOrEqualTo(4);
        assertThat(medianBefore).isGreaterThan(0.5);
        assertThat(medianAfter).isLessThan(0.2).isLessThan(medianBefore / 3);
        assertThat(tgMoe).isLessThan(0.30);
    }

    @Test
    void fittedCurveHalvesAGemmAtAFewDozenToAFewHundredColumns() {
        Calibration calibration = Calibration.fit(data, ModelCatalog.load(), QuantCatalog.load(), memory);
        ThroughputModel model = calibration.model();
        System.out.printf(Locale.ROOT, "GEMM half-rate columns h = %.2f; rate at 16/32/64/128/1024 columns: %.2f %.2f %.2f"
                        + " %.2f %.2f; cuda per-layer by generation %s%n", model.gemmHalfColumns(),
                model.relativeGemmRate(16), model.relativeGemmRate(32), model.relativeGemmRate(64),
                model.relativeGemmRate(128), model.relativeGemmRate(1024),
                calibration.perLayerSecondsByGeneration("cuda"));
        assertThat(model.gemmHalfColumns()).isBetween(20.0, 400.0);
        assertThat(model.relativeGemmRate(ThroughputModel.CALIBRATION_UBATCH)).isEqualTo(1.0);
        // gpt-oss-20b at -ub 512: 64 tokens per expert run well below the dense rate
        assertThat(model.relativeGemmRate(64)).isLessThan(0.75);
    }

    private static double median(List<Calibration.PointError> errors, Predicate<Calibration.PointError> filter) {
        return Calibration.median(errors.stream().filter(filter).mapToDouble(Calibration.PointError::ppError)
                .toArray());
    }

    private static double signed(double predicted, Double measured) {
        return measured == null ? Double.NaN : (predicted - measured) / measured;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
