package dev.breakeven.core.calibration;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.hardware.MachineCalibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One short run that corrects this machine's predictions: write a sparse GGUF of a real shape, run it through an
 * engine process (llama-server as the user runs it, or llama-bench), and fit two corrections from llama.cpp's own
 * rates: the bandwidth at which the planner's decode formula gives the decode rate, and the ratio of the measured
 * prefill rate to the predicted one. On the CPU the bandwidth is the RAM's; with a GPU target every layer is
 * offloaded and the bandwidth and prefill correction are that GPU's.
 *
 * <p>The planner's decode time is {@code K / bandwidth + c} (weights and KV read per token over the effective
 * bandwidth, plus a fixed per-layer cost). Two predictions, at the current bandwidth and at twice it, give K and c
 * without reaching into the planner; the calibrated bandwidth is then {@code K / (t_measured − c)}. Prefill is
 * compute-bound in the planner, so its correction is a plain factor on the compute rate.
 */
public final class Calibrator {
    /**
     * Prompt and generated tokens: the engines warm up first, so 16 decoded tokens already give a steady rate;
     * short enough for seconds on a 0.5B shape on an idle laptop.
     */
    public static final int PROMPT_TOKENS = 32;
    public static final int GEN_TOKENS = 16;
    /** Context for the prediction: depth PROMPT_TOKENS, as in the engines' decode runs (it starts near 0). */
    private static final int CONTEXT = 2 * GEN_TOKENS;

    private final DecodeEngine engine;
    private final FitPlanner planner;
    private final Clock clock;

    public Calibrator(DecodeEngine engine, FitPlanner planner, Clock clock) {
        this.engine = engine;
        this.planner = planner;
        this.clock = clock;
    }

    /** Predicted decode and prefill of a file. */
    public record Prediction(double decodeTokPerSec, double prefillTokPerSec) {
    }

    /** On a CPU-only host. */
    public Prediction predict(GgufModel model, HostSpec host) {
        return predict(model, HardwareTarget.cpuOnly(host));
    }

    /** On a target: CPU only, or with every layer on its GPU. */
    public Prediction predict(GgufModel model, HardwareTarget target) {
        PlanRequest request = PlanRequest.of(model.shape(), model.weights(), CONTEXT, target);
        int gpuLayers = target.gpu() == null ? 0 : model.shape().blockCount() + 1;
        double prefill = planner.plan(request.withContext(Math.max(CONTEXT, 2 * PROMPT_TOKENS))).prefillTokPerSec();
        return new Prediction(planner.decodeTokPerSec(request, gpuLayers), prefill);
    }

    /** CPU calibration: {@link #calibrate(CalibrationShape, HardwareTarget, int, String)} on the host alone. */
    public CalibrationRun calibrate(CalibrationShape shape, HostSpec host, int threads, String machineId)
            throws IOException, InterruptedException {
        return calibrate(shape, HardwareTarget.cpuOnly(host), threads, machineId);
    }

    /**
     * Runs {@code shape} through the engine in a temporary folder (deleted after) and returns the calibration.
     *
     * @param before this machine as the planner sees it without calibration (RAM, bandwidth, cores; its GPU for a
     *               GPU run, which the engine must then offload every layer to)
     */
    public CalibrationRun calibrate(CalibrationShape shape, HardwareTarget before, int threads, String machineId)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("breakeven-calibration");
        Path file = dir.resolve(shape.id() + "-sparse-q4_0.gguf");
        CalibrationShape partner = before.gpu() == null ? depthPartner(shape) : null;
        Path partnerFile = partner == null ? null : dir.resolve(partner.id() + "-sparse-q4_0.gguf");
        try {
            shape.writeSparse(file);
            if (partner == null) {
                return calibrate(file, shape.name(), before, threads, machineId, started);
            }
            partner.writeSparse(partnerFile);
            return calibrateTwo(file, shape.name() + " + " + partner.name(), partnerFile, before, threads, machineId,
                    started);
        } finally {
            Files.deleteIfExists(file);
            if (partnerFile != null) {
                Files.deleteIfExists(partnerFile);
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The second shape of a CPU run: as deep as the first but three times the bytes, so the two rates separate the
     * time that grows with the bytes (the bandwidth) from the fixed time per layer (thread synchronisation, small
     * ops), which on a small CPU is a fifth of a small model's token.
     */
    static CalibrationShape depthPartner(CalibrationShape shape) {
        return shape == CalibrationShape.HALF_B ? CalibrationShape.TINYLLAMA_1B : null;
    }

    /**
     * Both shapes through the engine; bandwidth and per-layer time solved from their decode rates, the prompt
     * correction from the first. Falls back to the one-shape calibration where the two rates give no physical pair
     * (a negative per-layer time, or one that would be over half the small shape's token; a non-positive bandwidth).
     */
    private CalibrationRun calibrateTwo(Path file, String name, Path partnerFile, HardwareTarget before, int threads,
                                        String machineId, long started) throws IOException, InterruptedException {
        GgufModel model = GgufModel.read(file);
        GgufModel partner = GgufModel.read(partnerFile);
        DecodeEngine.Rates measured = engine.run(file, PROMPT_TOKENS, GEN_TOKENS, threads);
        DecodeEngine.Rates partnerRates = engine.run(partnerFile, PROMPT_TOKENS, GEN_TOKENS, threads);
        double[] solved = bandwidthAndPerLayer(model, measured.decodeTokPerSec(), partner,
                partnerRates.decodeTokPerSec(), before);
        return solve(model, name, before, solved == null ? Double.NaN : solved[1], measured, threads, machineId,
                started);
    }

    /**
     * {bandwidth GB/s, seconds per layer} at which the planner gives both measured rates, or null. Each shape's
     * planned time is {@code k / bandwidth + c + layers × τ} (k, c read off two predictions with τ = 0).
     */
    double[] bandwidthAndPerLayer(GgufModel a, double aTokPerSec, GgufModel b, double bTokPerSec,
                                  HardwareTarget before) {
        HardwareTarget noLayerTime = HardwareTarget.cpuOnly(before.host().withPerLayerSeconds(0));
        double[] ka = timeTerms(a, noLayerTime);
        double[] kb = timeTerms(b, noLayerTime);
        int la = a.shape().blockCount();
        int lb = b.shape().blockCount();
        double ra = 1 / aTokPerSec - ka[1];
        double rb = 1 / bTokPerSec - kb[1];
        double det = ka[0] * lb - kb[0] * la;
        if (det == 0) {
            return null;
        }
        double u = (ra * lb - rb * la) / det;
        double tau = (ka[0] * rb - kb[0] * ra) / det;
        // a fixed cost that would be most of the small shape's token is a disturbed run (a busy machine), not a CPU
        if (!(u > 0) || !(tau >= 0 && tau < 0.01) || !Double.isFinite(u) || la * tau > 0.5 / aTokPerSec) {
            return null;
        }
        return new double[] {1 / u, tau};
    }

    /**
     * The same run on a GGUF the user has (their own model): its exact weights are what the planner predicts, so
     * the correction fits the quantization they run. The file is only read.
     */
    public CalibrationRun calibrate(Path gguf, HardwareTarget before, int threads, String machineId)
            throws IOException, InterruptedException {
        return calibrate(gguf, gguf.getFileName().toString(), before, threads, machineId, System.nanoTime());
    }

    private CalibrationRun calibrate(Path file, String name, HardwareTarget before, int threads, String machineId,
                                     long started) throws IOException, InterruptedException {
        GgufModel model = GgufModel.read(file);
        DecodeEngine.Rates measured = engine.run(file, PROMPT_TOKENS, GEN_TOKENS, threads);
        return solve(model, name, before, Double.NaN, measured, threads, machineId, started);
    }

    /**
     * The corrections from one run's rates. {@code perLayerSeconds} (NaN: none measured) is this CPU's fixed time
     * per layer from a two-shape run: the bandwidth and prompt factor are then solved with it in place, while
     * "before" stays the uncalibrated planner.
     */
    private CalibrationRun solve(GgufModel model, String name, HardwareTarget before, double perLayerSeconds,
                                 DecodeEngine.Rates measured, int threads, String machineId, long started) {
        HardwareTarget basis = Double.isNaN(perLayerSeconds) ? before
                : HardwareTarget.cpuOnly(before.host().withPerLayerSeconds(perLayerSeconds));
        Prediction predicted = predict(model, before);
        double effective = effectiveBandwidth(model, basis, measured.decodeTokPerSec());
        Double prefillScale = measured.prefillTokPerSec() != null && predicted.prefillTokPerSec() > 0
                && Double.isFinite(predicted.prefillTokPerSec())
                ? measured.prefillTokPerSec() / predicted.prefillTokPerSec() : null;
        HardwareTarget after = corrected(basis, effective, prefillScale == null ? 1.0 : prefillScale);
        // kept with the run so that a later planner (other fitted shares) can rescale the corrections
        var shares = planner.throughput().factors(before.gpu() == null ? "cpu" : before.gpu().backend());
        Prediction corrected = predict(model, after);
        if (prefillScale != null && prefillScale != 1) {
            // the correction scales the compute only; a micro-batch's weight read keeps the calibrated memory rate.
            // Two predictions at that rate split 1 / prefill into compute c and read r: solve c / scale + r = measured
            double atOne = 1.0 / predict(model, corrected(basis, effective, 1.0)).prefillTokPerSec();
            double atScale = 1.0 / corrected.prefillTokPerSec();
            double compute = (atOne - atScale) / (1 - 1 / prefillScale);
            double rest = 1.0 / measured.prefillTokPerSec() - (atOne - compute);
            if (compute > 0 && rest > 0 && Double.isFinite(compute)) {
                prefillScale = compute / rest;
                after = corrected(basis, effective, prefillScale);
                corrected = predict(model, after);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        MachineCalibration result = new MachineCalibration(machineId, clock.instant().toString(), engine.name(),
                name, threads, measured.decodeTokPerSec(), measured.prefillTokPerSec(),
                predicted.decodeTokPerSec(), finite(predicted.prefillTokPerSec()), deviceBandwidth(before),
                effective, seconds, prefillScale, before.gpu() == null ? null : before.gpu().name(),
                shares.decodeEfficiency(), shares.prefillEfficiency(),
                Double.isNaN(perLayerSeconds) ? null : perLayerSeconds);
        return new CalibrationRun(result, predicted, corrected, measured, after);
    }

    /** The target with a calibration's bandwidth and prefill correction on the device it was measured on. */
    public static HardwareTarget corrected(HardwareTarget target, double effectiveBandwidthGBps, double prefillScale) {
        GpuSpec gpu = target.gpu();
        if (gpu == null) {
            return HardwareTarget.cpuOnly(target.host().withBandwidth(effectiveBandwidthGBps)
                    .withPrefillScale(prefillScale));
        }
        GpuSpec calibrated = new GpuSpec(gpu.name(), gpu.vramBytes(), effectiveBandwidthGBps,
                gpu.fp16Tflops() * prefillScale, gpu.backend());
        return new HardwareTarget(target.label(), calibrated, target.host(), target.unifiedMemory());
    }

    /** A shape run and predicted on two targets (before and after calibration), for checking a calibration. */
    public record Check(String shape, double measuredDecodeTokPerSec, double predictedBefore, double predictedAfter,
                        Double measuredPrefillTokPerSec, double predictedPrefillBefore, double predictedPrefillAfter) {
        public double errorBefore() {
            return Math.abs(predictedBefore - measuredDecodeTokPerSec) / measuredDecodeTokPerSec;
        }

        public double errorAfter() {
            return Math.abs(predictedAfter - measuredDecodeTokPerSec) / measuredDecodeTokPerSec;
        }

        /** Prefill's relative error before calibration; null when the engine measured no prefill. */
        public Double prefillErrorBefore() {
            return relative(predictedPrefillBefore, measuredPrefillTokPerSec);
        }

        public Double prefillErrorAfter() {
            return relative(predictedPrefillAfter, measuredPrefillTokPerSec);
        }
    }

    public Check check(CalibrationShape shape, HostSpec before, HostSpec after, int threads)
            throws IOException, InterruptedException {
        return check(shape, HardwareTarget.cpuOnly(before), HardwareTarget.cpuOnly(after), threads);
    }

    public Check check(CalibrationShape shape, HardwareTarget before, HardwareTarget after, int threads)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("breakeven-calibration");
        Path file = dir.resolve(shape.id() + "-sparse-q4_0.gguf");
        try {
            shape.writeSparse(file);
            GgufModel model = GgufModel.read(file);
            DecodeEngine.Rates measured = engine.run(file, PROMPT_TOKENS, GEN_TOKENS, threads);
            Prediction b = predict(model, before);
            Prediction a = predict(model, after);
            return new Check(shape.name(), measured.decodeTokPerSec(), b.decodeTokPerSec(), a.decodeTokPerSec(),
                    measured.prefillTokPerSec(), b.prefillTokPerSec(), a.prefillTokPerSec());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The bandwidth at which the planner predicts {@code measuredTokPerSec} for this model on the target's device. */
    double effectiveBandwidth(GgufModel model, HardwareTarget target, double measuredTokPerSec) {
        double bw = deviceBandwidth(target);
        double[] terms = timeTerms(model, target);
        double k = terms[0];
        double c = terms[1];
        double measured = 1 / measuredTokPerSec;
        if (k <= 0 || measured - c <= 0) {
            // Faster than the fixed costs allow: scale the bandwidth by the rate ratio instead.
            return bw * measuredTokPerSec * terms[2];
        }
        return k / (measured - c);
    }

    /**
     * {k, c, t} of the planned decode time {@code t = k / bandwidth + c} of a model on the target's device (t at its
     * bandwidth), read off predictions at that bandwidth and at twice it (without reaching into the planner).
     */
    private double[] timeTerms(GgufModel model, HardwareTarget target) {
        double bw = deviceBandwidth(target);
        double t1 = 1 / predict(model, target).decodeTokPerSec();
        double t2 = 1 / predict(model, withDeviceBandwidth(target, 2 * bw)).decodeTokPerSec();
        double k = 2 * bw * (t1 - t2);
        return new double[] {k, t1 - k / bw, t1};
    }

    private static double deviceBandwidth(HardwareTarget target) {
        return target.gpu() == null ? target.host().bandwidthGBps() : target.gpu().bandwidthGBps();
    }

    private static HardwareTarget withDeviceBandwidth(HardwareTarget target, double gbps) {
        GpuSpec gpu = target.gpu();
        if (gpu == null) {
            return HardwareTarget.cpuOnly(target.host().withBandwidth(gbps));
        }
        return new HardwareTarget(target.label(), new GpuSpec(gpu.name(), gpu.vramBytes(), gbps, gpu.fp16Tflops(),
                gpu.backend()), target.host(), target.unifiedMemory());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) && value > 0 ? value : null;
    }

    private static Double relative(double predicted, Double measured) {
        return measured == null || !(measured > 0) || !Double.isFinite(predicted) ? null
                : Math.abs(predicted - measured) / measured;
    }

    /**
     * The stored calibration with the run's predictions before and after, the engine's rates, and the target the
     * corrections give (to check other shapes against).
     */
    public record CalibrationRun(MachineCalibration calibration, Prediction before, Prediction after,
                                 DecodeEngine.Rates measured, HardwareTarget calibratedTarget) {
        public double decodeErrorBefore() {
            return Math.abs(before.decodeTokPerSec() - measured.decodeTokPerSec()) / measured.decodeTokPerSec();
        }

        public double decodeErrorAfter() {
            return Math.abs(after.decodeTokPerSec() - measured.decodeTokPerSec()) / measured.decodeTokPerSec();
        }

        public Double prefillErrorBefore() {
            return relative(before.prefillTokPerSec(), measured.prefillTokPerSec());
        }

        public Double prefillErrorAfter() {
            return relative(after.prefillTokPerSec(), measured.prefillTokPerSec());
        }
    }
}
