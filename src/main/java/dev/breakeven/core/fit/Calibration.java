package dev.breakeven.core.fit;

import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the throughput factors of each backend to the published measurements and reports how far the fitted
 * model lands from each of them.
 *
 * <p>Decode: per backend, least squares on relative error of {@code t = a · bytes/bandwidth + b_g · layers}
 * (a = 1 / efficiency, shared; b_g = fixed time per layer of llama.cpp build generation g). The per-layer cost
 * is launch and synchronisation overhead, which llama.cpp cut release after release (CUDA graphs, fused
 * kernels), so one pooled b would mix old and new builds and cap fast cards; the planner predicts with the
 * newest generation's b. Prefill: the median over the backend's dense points of achieved FLOPS over peak (on a GPU
 * after the micro-batch's weight stream); then the GEMM curve's two column counts a and h, fitted on the GPU MoE
 * points, for the expert matrices that see only {@code ubatch × used / experts} tokens of a micro-batch
 * (docs/fit.md, "MoE prefill"); the prompt side lives in {@link PromptFit}.
 */
public final class Calibration {

    /** One measurement with the fitted model's predictions. */
    public record PointError(CalibrationData.Measurement measurement, CalibrationData.Device device,
                             double predictedTg, double predictedPp, boolean moe) {
        /** NaN where the measurement has no decode figure. */
        public double tgError() {
            Double measured = measurement.tgTokPerSec();
            return measured == null ? Double.NaN : Math.abs(predictedTg - measured) / measured;
        }

        /** NaN where the measurement has no comparable prefill figure. */
        public double ppError() {
            Double measured = measurement.ppTokPerSec();
            return measured == null ? Double.NaN : Math.abs(predictedPp - measured) / measured;
        }
    }

    /** One measurement with the bytes, FLOPs and weight stream of its run (shared with {@link PromptFit}). */
    record Sample(CalibrationData.Measurement m, CalibrationData.Device d, TokenCost decode,
                  TokenCost prefill, long outputBytes, double tokensPerExpert, boolean moe, double streamBytes) {
        String generation() {
            return m.generationOrBuild();
        }

        int layers() {
            return decode.gpuLayers() + decode.hostLayers();
        }

        boolean hasTg() {
            return m.tgTokPerSec() != null;
        }

        /** Bytes a decode step reads; a micro-batch-1 prompt run skips the output matrix. */
        long decodeBytes() {
            long bytes = decode.gpuBytes() + decode.hostBytes();
            return m.skipsOutput() ? bytes - outputBytes : bytes;
        }
    }

    /**
     * Under the stop-21 form ({@code GEMM_CURVE}) MoE prompt points below this micro-batch were reported but not
     * fitted; the weight-stream form fits them all (docs/fit.md, "MoE prefill").
     */
    static final int MIN_FIT_UBATCH = 128;

    /** Decode fit of one backend: shared bandwidth factor, per-layer time of each build generation. */
    private record DecodeFit(double a, Map<String, Double> perLayerByGeneration, String newest) {
        double perLayer(String generation) {
            return perLayerByGeneration.getOrDefault(generation, perLayerByGeneration.get(newest));
        }
    }

    private final ThroughputModel model;
    private final Map<String, DecodeFit> decodeFits;
    private final List<PointError> errors;
    private final List<Sample> samples;

    private Calibration(ThroughputModel model, Map<String, DecodeFit> decodeFits, List<PointError> errors,
                        List<Sample> samples) {
        this.model = model;
        this.decodeFits = Map.copyOf(decodeFits);
        this.errors = List.copyOf(errors);
        this.samples = List.copyOf(samples);
    }

    /** Fitted per-layer seconds of each llama.cpp build generation (yyyy-MM) of a backend. */
    public Map<String, Double> perLayerSecondsByGeneration(String backend) {
        DecodeFit fit = decodeFits.get(backend);
        return fit == null ? Map.of() : fit.perLayerByGeneration();
    }

    public ThroughputModel model() {
        return model;
    }

    public List<PointError> errors() {
        return errors;
    }

    public static Calibration fit(CalibrationData data, ModelCatalog models, QuantCatalog quants, MemoryModel memory) {
        return fit(data, models, quants, memory, ThroughputModel.PrefillForm.WEIGHT_STREAM);
    }

    /**
     * @param expertCurve false fits the model as it was before the MoE prefill term (every FLOP at the calibrated
     *                    rate), to report the before/after errors
     */
    public static Calibration fit(CalibrationData data, ModelCatalog models, QuantCatalog quants, MemoryModel memory,
                                  boolean expertCurve) {
        return fit(data, models, quants, memory,
                expertCurve ? ThroughputModel.PrefillForm.WEIGHT_STREAM : ThroughputModel.PrefillForm.FLAT);
    }

    /** @param form the prompt model to fit (earlier forms kept to report before/after errors) */
    public static Calibration fit(CalibrationData data, ModelCatalog models, QuantCatalog quants, MemoryModel memory,
                                  ThroughputModel.PrefillForm form) {
        Map<String, List<Sample>> byBackend = new LinkedHashMap<>();
        for (CalibrationData.Measurement m : data.measurements()) {
            CalibrationData.Device device = data.device(m.device());
            CatalogModel model = models.find(m.model())
                    .orElseThrow(() -> new IllegalStateException("calibration names unknown model " + m.model()));
            Quant quant = quants.find(m.quant())
                    .orElseThrow(() -> new IllegalStateException("calibration names unknown quant " + m.quant()));
            ModelWeights weights = ModelWeights.estimate(model, quant);
            boolean gpu = !"cpu".equals(device.backend());
            Placement placement = new Placement(model.shape().blockCount(),
                    gpu ? model.shape().blockCount() + 1 : 0, false);
            TokenCost decode = TokenCost.of(model.shape(), weights, placement, m.tgTokens() / 2, KvCacheType.F16, memory);
            TokenCost prefill = TokenCost.of(model.shape(), weights, placement, m.ppTokens() / 2, KvCacheType.F16, memory);
            byBackend.computeIfAbsent(device.backend(), k -> new ArrayList<>())
                    .add(new Sample(m, device, decode, prefill, weights.outputBytes(),
                            TokenCost.tokensPerExpert(model.shape(), m.ubatchOrDefault()),
                            model.shape().isMixtureOfExperts(),
                            gpu ? prefill.gpuStreamBytes(model.shape(), m.ubatchOrDefault())
                                    : prefill.hostStreamBytes(model.shape(), m.ubatchOrDefault())));
        }
        Map<String, BackendFactors> factors = new LinkedHashMap<>();
        Map<String, DecodeFit> decodeFits = new LinkedHashMap<>();
        byBackend.forEach((backend, samples) -> {
            List<Sample> withTg = samples.stream().filter(Sample::hasTg).toList();
            DecodeFit decode = withTg.isEmpty() ? new DecodeFit(1, Map.of("", 0.0), "") : fitDecode(withTg);
            decodeFits.put(backend, decode);
            BackendFactors streamOnly = new BackendFactors(backend, 1.0 / decode.a(),
                    decode.perLayer(decode.newest()), 1, samples.size());
            factors.put(backend, new BackendFactors(backend, 1.0 / decode.a(), decode.perLayer(decode.newest()),
                    PromptFit.efficiency(backend, samples, form == ThroughputModel.PrefillForm.WEIGHT_STREAM
                            ? new ThroughputModel(Map.of(backend, streamOnly), form, 0, 0) : null),
                    samples.size()));
        });
        ThroughputModel throughput = switch (form) {
            case FLAT -> new ThroughputModel(factors);
            case GEMM_CURVE -> new ThroughputModel(factors, form, 0, PromptFit.gemmHalfColumns(factors, byBackend));
            case WEIGHT_STREAM -> PromptFit.gemmCurve(factors, byBackend);
        };
        List<PointError> errors = new ArrayList<>();
        List<Sample> all = new ArrayList<>();
        byBackend.forEach((backend, samples) -> {
            for (Sample s : samples) {
                errors.add(new PointError(s.m(), s.d(), predictTg(decodeFits.get(backend), s),
                        PromptFit.predict(throughput, s), s.moe()));
                all.add(s);
            }
        });
        return new Calibration(throughput, decodeFits, errors, all);
    }

    /**
     * Leave-one-out errors: each measurement predicted by factors fitted without it. Measurements that are
     * the only one of their backend cannot be predicted this way and are skipped.
     */
    public static List<PointError> leaveOneOut(CalibrationData data, ModelCatalog models, QuantCatalog quants,
                                               MemoryModel memory) {
        return leaveOneOut(data, models, quants, memory, true);
    }

    /** Leave-one-out errors, with or without the MoE expert-GEMM term (for the before/after figures). */
    public static List<PointError> leaveOneOut(CalibrationData data, ModelCatalog models, QuantCatalog quants,
                                               MemoryModel memory, boolean expertCurve) {
        return leaveOneOut(data, models, quants, memory,
                expertCurve ? ThroughputModel.PrefillForm.WEIGHT_STREAM : ThroughputModel.PrefillForm.FLAT);
    }

    /** Leave-one-out errors under one prompt form. */
    public static List<PointError> leaveOneOut(CalibrationData data, ModelCatalog models, QuantCatalog quants,
                                               MemoryModel memory, ThroughputModel.PrefillForm form) {
        List<PointError> errors = new ArrayList<>();
        List<CalibrationData.Measurement> all = data.measurements();
        for (int i = 0; i < all.size(); i++) {
            CalibrationData.Measurement held = all.get(i);
            String backend = data.device(held.device()).backend();
            List<CalibrationData.Measurement> rest = new ArrayList<>(all);
            rest.remove(i);
            if (rest.stream().noneMatch(m -> data.device(m.device()).backend().equals(backend))) {
                continue;
            }
            CalibrationData without = new CalibrationData(data.checked(), data.note(), data.constants(),
                    data.devices(), rest);
            errors.add(fit(without, models, quants, memory, form).predict(data, held, models, quants, memory));
        }
        return errors;
    }

    /**
     * One measurement predicted with this calibration's factors (its build generation's per-layer time, the newest
     * where this calibration has no such generation).
     */
    public PointError predict(CalibrationData data, CalibrationData.Measurement m, ModelCatalog models,
                              QuantCatalog quants, MemoryModel memory) {
        CalibrationData single = new CalibrationData(data.checked(), data.note(), data.constants(), data.devices(),
                List.of(m));
        // reuse the byte and FLOP bookkeeping of fit() through a one-point calibration, then predict
        Sample sample = fit(single, models, quants, memory, ThroughputModel.PrefillForm.FLAT).samples.getFirst();
        return new PointError(m, sample.d(), predictTg(decodeFits.get(sample.d().backend()), sample),
                PromptFit.predict(model, sample), sample.moe());
    }

    /**
     * Weighted least squares minimising Σ ((a·x1 + b_g·x2 − t) / t)² with x1 = bytes / bandwidth and x2 = layers,
     * one b per build generation g. Falls back to one pooled b when the generations cannot be told apart, and
     * pins a at 1 (no device reads faster than its bandwidth) or b at 0 where the free fit leaves physics.
     */
    private static DecodeFit fitDecode(List<Sample> samples) {
        List<String> generations = samples.stream().map(Sample::generation).distinct().sorted().toList();
        String newest = generations.getLast();
        double[] coef = null;
        if (samples.size() >= generations.size() + 2) {
            coef = solveWeighted(samples, generations);
        }
        boolean physical = coef != null && coef[0] > 0;
        for (int g = 1; physical && g < coef.length; g++) {
            physical = coef[g] >= 0;
        }
        List<String> groups = generations;
        if (!physical) {
            // pooled fit: every generation shares one per-layer time
            groups = List.of(newest);
            coef = pooled(samples);
        }
        if (coef[0] < 1) {
            coef[0] = 1;
            for (int g = 0; g < groups.size(); g++) {
                coef[g + 1] = pinnedPerLayer(samples, groups.size() == 1 ? null : groups.get(g));
            }
        }
        Map<String, Double> perLayer = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            perLayer.put(groups.get(g), coef[g + 1]);
        }
        if (groups.size() == 1) {
            for (String g : generations) {
                perLayer.put(g, coef[1]);
            }
        }
        return new DecodeFit(coef[0], perLayer, newest);
    }

    private static double x1(Sample s) {
        return s.decodeBytes() / (s.d().bandwidthGBps() * 1e9);
    }

    private static int x2(Sample s) {
        return s.layers();
    }

    /** Normal equations of the weighted fit with columns x1 and x2 per generation; null when singular. */
    private static double[] solveWeighted(List<Sample> samples, List<String> generations) {
        int n = generations.size() + 1;
        double[][] m = new double[n][n + 1];
        for (Sample s : samples) {
            double t = 1.0 / s.m().tgTokPerSec();
            double[] x = new double[n];
            x[0] = x1(s);
            x[1 + generations.indexOf(s.generation())] = x2(s);
            double w = 1.0 / (t * t);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] += w * x[i] * x[j];
                }
                m[i][n] += w * x[i] * t;
            }
        }
        return gauss(m);
    }

    private static double[] gauss(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            if (Math.abs(m[c][c]) < 1e-30) {
                return null;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    /** One b for all points: the two-parameter fit, b dropped when negative. */
    private static double[] pooled(List<Sample> samples) {
        double[] coef = samples.size() >= 3 ? solveWeightedPooled(samples) : null;
        if (coef == null || coef[1] < 0 || !(coef[0] > 0)) {
            double s11 = 0;
            double r1 = 0;
            for (Sample s : samples) {
                double t = 1.0 / s.m().tgTokPerSec();
                double w = 1.0 / (t * t);
                s11 += w * x1(s) * x1(s);
                r1 += w * x1(s) * t;
            }
            coef = new double[]{r1 / s11, 0};
        }
        return coef;
    }

    private static double[] solveWeightedPooled(List<Sample> samples) {
        double[][] m = new double[2][3];
        for (Sample s : samples) {
            double t = 1.0 / s.m().tgTokPerSec();
            double[] x = {x1(s), x2(s)};
            double w = 1.0 / (t * t);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    m[i][j] += w * x[i] * x[j];
                }
                m[i][2] += w * x[i] * t;
            }
        }
        return gauss(m);
    }

    /** Per-layer time with a pinned at 1, over one generation's points (all points when null). */
    private static double pinnedPerLayer(List<Sample> samples, String generation) {
        double s22 = 0;
        double rest = 0;
        for (Sample s : samples) {
            if (generation != null && !generation.equals(s.generation())) {
                continue;
            }
            double t = 1.0 / s.m().tgTokPerSec();
            double w = 1.0 / (t * t);
            s22 += w * x2(s) * x2(s);
            rest += w * x2(s) * (t - x1(s));
        }
        return s22 == 0 ? 0 : Math.max(0, rest / s22);
    }

    /** Decode speed of a calibration point with the per-layer time of its own build generation. */
    private static double predictTg(DecodeFit fit, Sample s) {
        if (!s.hasTg() && fit.perLayerByGeneration().isEmpty()) {
            return Double.NaN;
        }
        return 1.0 / (fit.a() * x1(s) + x2(s) * fit.perLayer(s.generation()));
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
