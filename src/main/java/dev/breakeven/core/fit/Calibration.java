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
 * <p>Decode: per backend, least squares on relative error of {@code t = a · bytes/bandwidth + b · layers}
 * (a = 1 / efficiency, b = fixed time per layer). Prefill: the median over the backend's points of achieved
 * FLOPS over peak.
 */
public final class Calibration {

    /** One measurement with the fitted model's predictions. */
    public record PointError(CalibrationData.Measurement measurement, CalibrationData.Device device,
                             double predictedTg, double predictedPp) {
        public double tgError() {
            return Math.abs(predictedTg - measurement.tgTokPerSec()) / measurement.tgTokPerSec();
        }

        /** NaN where the measurement has no comparable prefill figure. */
        public double ppError() {
            Double measured = measurement.ppTokPerSec();
            return measured == null ? Double.NaN : Math.abs(predictedPp - measured) / measured;
        }
    }

    private record Sample(CalibrationData.Measurement m, CalibrationData.Device d, TokenCost decode,
                          TokenCost prefill) {
    }

    private final ThroughputModel model;
    private final List<PointError> errors;
    private final List<Sample> samples;

    private Calibration(ThroughputModel model, List<PointError> errors, List<Sample> samples) {
        this.model = model;
        this.errors = List.copyOf(errors);
        this.samples = List.copyOf(samples);
    }

    public ThroughputModel model() {
        return model;
    }

    public List<PointError> errors() {
        return errors;
    }

    public static Calibration fit(CalibrationData data, ModelCatalog models, QuantCatalog quants, MemoryModel memory) {
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
                    .add(new Sample(m, device, decode, prefill));
        }
        Map<String, BackendFactors> factors = new LinkedHashMap<>();
        byBackend.forEach((backend, samples) -> factors.put(backend, fitBackend(backend, samples)));
        ThroughputModel throughput = new ThroughputModel(factors);
        List<PointError> errors = new ArrayList<>();
        List<Sample> all = new ArrayList<>();
        byBackend.forEach((backend, samples) -> {
            for (Sample s : samples) {
                errors.add(new PointError(s.m(), s.d(), predictTg(throughput, s), predictPp(throughput, s)));
                all.add(s);
            }
        });
        return new Calibration(throughput, errors, all);
    }

    /**
     * Leave-one-out errors: each measurement predicted by factors fitted without it. Measurements that are
     * the only one of their backend cannot be predicted this way and are skipped.
     */
    public static List<PointError> leaveOneOut(CalibrationData data, ModelCatalog models, QuantCatalog quants,
                                               MemoryModel memory) {
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
            Calibration fitted = fit(without, models, quants, memory);
            CalibrationData single = new CalibrationData(data.checked(), data.note(), data.constants(),
                    data.devices(), List.of(held));
            // reuse the byte and FLOP bookkeeping of fit() through a one-point calibration, then predict
            Sample sample = fit(single, models, quants, memory).samples.getFirst();
            errors.add(new PointError(held, sample.d(), predictTg(fitted.model, sample),
                    predictPp(fitted.model, sample)));
        }
        return errors;
    }

    private static BackendFactors fitBackend(String backend, List<Sample> samples) {
        // weighted least squares: minimise Σ ((a·x1 + b·x2 − t) / t)²
        double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
        for (Sample s : samples) {
            double t = 1.0 / s.m().tgTokPerSec();
            double x1 = bytes(s.decode()) / (s.d().bandwidthGBps() * 1e9);
            double x2 = s.decode().gpuLayers() + s.decode().hostLayers();
            double w = 1.0 / (t * t);
            s11 += w * x1 * x1;
            s12 += w * x1 * x2;
            s22 += w * x2 * x2;
            r1 += w * x1 * t;
            r2 += w * x2 * t;
        }
        double det = s11 * s22 - s12 * s12;
        double a;
        double b;
        if (samples.size() >= 3 && Math.abs(det) > 1e-30) {
            a = (r1 * s22 - r2 * s12) / det;
            b = (s11 * r2 - s12 * r1) / det;
        } else {
            a = Double.NaN;
            b = -1;
        }
        if (b < 0 || !(a > 0)) {
            b = 0;
            a = r1 / s11;
        }
        if (a < 1) {
            // no device reads faster than its bandwidth: pin efficiency at 1 and refit the per-layer time alone
            a = 1;
            b = Math.max(0, (r2 - s12) / s22);
        }
        double[] ratios = samples.stream().filter(s -> s.m().ppTokPerSec() != null).mapToDouble(s -> {
            double flops = s.prefill().gpuFlops() + s.prefill().hostFlops();
            double peak = "cpu".equals(backend) ? s.d().cpuCores() * 1e9 : s.d().fp16Tflops() * 1e12;
            return s.m().ppTokPerSec() * flops / peak;
        }).toArray();
        return new BackendFactors(backend, 1.0 / a, b, median(ratios), samples.size());
    }

    private static long bytes(TokenCost cost) {
        return cost.gpuBytes() + cost.hostBytes();
    }

    private static double predictTg(ThroughputModel model, Sample s) {
        return 1.0 / model.decodeSeconds(s.d().backend(), s.d().bandwidthGBps(), bytes(s.decode()),
                s.decode().gpuLayers() + s.decode().hostLayers());
    }

    private static double predictPp(ThroughputModel model, Sample s) {
        double flops = s.prefill().gpuFlops() + s.prefill().hostFlops();
        double seconds = "cpu".equals(s.d().backend())
                ? model.cpuComputeSeconds(s.d().cpuCores(), flops)
                : model.gpuComputeSeconds(s.d().backend(), s.d().fp16Tflops(), flops);
        return 1.0 / seconds;
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
