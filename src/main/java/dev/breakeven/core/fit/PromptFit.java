package dev.breakeven.core.fit;

import dev.breakeven.core.fit.Calibration.Sample;

import java.util.List;
import java.util.Map;

/**
 * The prompt side of {@link Calibration}: each backend's share of peak from its dense points, and the expert-GEMM
 * curve fitted on the GPU MoE points, under the prompt form being fitted (docs/fit.md, "MoE prefill").
 */
final class PromptFit {
    private PromptFit() {
    }

    /**
     * Prefill share of peak: the median over the backend's dense points at the calibration micro-batch (all its
     * prompt points where it has no dense one). MoE points do not set it: their expert GEMMs run below it. With
     * {@code stream} (a model with this backend's decode factors) the micro-batch's weight stream is taken off the
     * measured time first, so the share is that of the compute alone.
     */
    static double efficiency(String backend, List<Sample> samples, ThroughputModel stream) {
        List<Sample> pp = samples.stream().filter(s -> s.m().ppTokPerSec() != null).toList();
        List<Sample> dense = pp.stream()
                .filter(s -> !s.moe() && s.m().ubatchOrDefault() == ThroughputModel.CALIBRATION_UBATCH).toList();
        boolean cpu = "cpu".equals(backend);
        double[] ratios = (dense.isEmpty() ? pp : dense).stream().mapToDouble(s -> {
            double flops = s.prefill().gpuFlops() + s.prefill().hostFlops();
            double peak = cpu ? s.d().cpuCores() * 1e9 : s.d().fp16Tflops() * 1e12;
            double streamSeconds = stream == null ? 0 : stream.streamSecondsPerToken(backend, s.d().bandwidthGBps(),
                    s.streamBytes(), cpu ? 0 : s.layers(), s.m().ubatchOrDefault());
            double seconds = 1.0 / s.m().ppTokPerSec() - streamSeconds;
            return seconds > 0 ? flops / (peak * seconds) : Double.NaN;
        }).filter(r -> !Double.isNaN(r)).toArray();
        return Calibration.median(ratios);
    }

    /**
     * The GEMM half-rate column count that minimises the squared log error over the GPU MoE prompt points at
     * micro-batches of at least {@link Calibration#MIN_FIT_UBATCH}; 0 (no term) where there are none.
     */
    static double gemmHalfColumns(Map<String, BackendFactors> factors, Map<String, List<Sample>> byBackend) {
        List<Sample> moe = byBackend.values().stream().flatMap(List::stream)
                .filter(s -> s.moe() && s.m().ppTokPerSec() != null && !"cpu".equals(s.d().backend())
                        && s.m().ubatchOrDefault() >= Calibration.MIN_FIT_UBATCH)
                .toList();
        if (moe.isEmpty()) {
            return 0;
        }
        double best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        // coarse grid then a fine one around the minimum: one parameter, a handful of points
        for (double step : new double[]{8, 0.25}) {
            double from = step == 8 ? 0 : Math.max(0, best - 8);
            double to = step == 8 ? 4096 : best + 8;
            for (double h = from; h <= to; h += step) {
                ThroughputModel candidate = new ThroughputModel(factors, ThroughputModel.PrefillForm.GEMM_CURVE, 0, h);
                double cost = 0;
                for (Sample s : moe) {
                    double e = Math.log(predict(candidate, s) / s.m().ppTokPerSec());
                    cost += e * e;
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = h;
                }
            }
        }
        return best;
    }

    /**
     * The GEMM curve's offset a and half-rate h that minimise the squared log error over all GPU MoE prompt points
     * under the weight-stream form; the curve without a term (h = 0) where there are none.
     */
    static ThroughputModel gemmCurve(Map<String, BackendFactors> factors, Map<String, List<Sample>> byBackend) {
        List<Sample> moe = byBackend.values().stream().flatMap(List::stream)
                .filter(s -> s.moe() && s.m().ppTokPerSec() != null && !"cpu".equals(s.d().backend()))
                .toList();
        ThroughputModel.PrefillForm form = ThroughputModel.PrefillForm.WEIGHT_STREAM;
        if (moe.isEmpty()) {
            return new ThroughputModel(factors, form, 0, 0);
        }
        double bestA = 0;
        double bestH = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        // a coarse grid, then a fine one around its minimum: two parameters, a dozen points
        double[][] passes = {{2, 8}, {0.25, 0.5}};
        for (double[] step : passes) {
            double fromA = step[0] == 2 ? 0 : Math.max(0, bestA - 2);
            double toA = step[0] == 2 ? 256 : bestA + 2;
            double fromH = step[0] == 2 ? 0 : Math.max(0, bestH - 8);
            double toH = step[0] == 2 ? 2048 : bestH + 8;
            for (double a = fromA; a <= toA; a += step[0]) {
                for (double h = fromH; h <= toH; h += step[1]) {
                    ThroughputModel candidate = new ThroughputModel(factors, form, a, h);
                    double cost = 0;
                    for (Sample s : moe) {
                        double e = Math.log(predict(candidate, s) / s.m().ppTokPerSec());
                        cost += e * e;
                    }
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestA = a;
                        bestH = h;
                    }
                }
            }
        }
        return new ThroughputModel(factors, form, bestA, bestH);
    }

    /** Prompt speed of a calibration point under {@code model}. */
    static double predict(ThroughputModel model, Sample s) {
        TokenCost p = s.prefill();
        double seconds = "cpu".equals(s.d().backend())
                ? model.cpuPrefillSeconds(s.d().cpuCores(), p.gpuFlops() + p.hostFlops(), s.d().bandwidthGBps(),
                s.streamBytes(), s.m().ubatchOrDefault(), 1)
                : model.gpuPrefillSeconds(s.d().backend(), s.d().fp16Tflops(), s.d().bandwidthGBps(),
                p.gpuFlops() + p.hostFlops() - p.gpuExpertFlops() - p.hostExpertFlops(),
                p.gpuExpertFlops() + p.hostExpertFlops(), s.m().ubatchOrDefault(), s.tokensPerExpert(),
                s.streamBytes(), s.layers());
        return 1.0 / seconds;
    }
}
