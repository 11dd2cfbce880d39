package dev.breakeven.core.calibration;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.hardware.MachineCalibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One short run that corrects this machine's CPU decode predictions: write a sparse GGUF of a real shape, decode it
 * through an engine process, and find the RAM bandwidth at which the planner's decode formula gives llama.cpp's rate.
 *
 * <p>The planner's CPU decode time is {@code K / bandwidth + c} (weights and KV read per token over the effective
 * bandwidth, plus a fixed per-layer cost). Two predictions, at the current bandwidth and at twice it, give K and c
 * without reaching into the planner; the calibrated bandwidth is then {@code K / (t_measured − c)}.
 */
public final class Calibrator {
    /**
     * Prompt and generated tokens: llama-bench runs a warm-up pass first, so 16 decoded tokens already give a steady
     * rate; short enough for seconds on a 0.5B shape on an idle laptop.
     */
    public static final int PROMPT_TOKENS = 32;
    public static final int GEN_TOKENS = 16;
    /** Context for the prediction: depth PROMPT_TOKENS, as in llama-bench's decode test (it starts near 0). */
    private static final int CONTEXT = 2 * GEN_TOKENS;

    private final DecodeEngine engine;
    private final FitPlanner planner;
    private final Clock clock;

    public Calibrator(DecodeEngine engine, FitPlanner planner, Clock clock) {
        this.engine = engine;
        this.planner = planner;
        this.clock = clock;
    }

    /** Predicted decode and prefill of a file on a CPU-only host. */
    public record Prediction(double decodeTokPerSec, double prefillTokPerSec) {
    }

    public Prediction predict(GgufModel model, HostSpec host) {
        PlanRequest request = PlanRequest.of(model.shape(), model.weights(), CONTEXT, HardwareTarget.cpuOnly(host));
        double prefill = planner.plan(request.withContext(Math.max(CONTEXT, 2 * PROMPT_TOKENS))).prefillTokPerSec();
        return new Prediction(planner.decodeTokPerSec(request, 0), prefill);
    }

    /**
     * Runs {@code shape} through the engine in a temporary folder (deleted after) and returns the calibration.
     *
     * @param host this machine as the planner sees it now (RAM, bandwidth before calibration, cores)
     */
    public CalibrationRun calibrate(CalibrationShape shape, HostSpec host, int threads, String machineId)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("breakeven-calibration");
        Path file = dir.resolve(shape.id() + "-sparse-q4_0.gguf");
        try {
            shape.writeSparse(file);
            GgufModel model = GgufModel.read(file);
            DecodeEngine.Rates measured = engine.run(file, PROMPT_TOKENS, GEN_TOKENS, threads);
            Prediction before = predict(model, host);
            double effective = effectiveBandwidth(model, host, measured.decodeTokPerSec());
            HostSpec calibrated = new HostSpec(host.ramBytes(), effective, host.cpuCores());
            Prediction after = predict(model, calibrated);
            double seconds = (System.nanoTime() - started) / 1e9;
            MachineCalibration result = new MachineCalibration(machineId, clock.instant().toString(), engine.name(),
                    shape.name(), threads, measured.decodeTokPerSec(), measured.prefillTokPerSec(),
                    before.decodeTokPerSec(), finite(before.prefillTokPerSec()), host.bandwidthGBps(), effective, seconds);
            return new CalibrationRun(result, before, after, measured);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** A shape decoded and predicted on two hosts (before and after calibration), for checking a calibration. */
    public record Check(String shape, double measuredDecodeTokPerSec, double predictedBefore, double predictedAfter) {
        public double errorBefore() {
            return Math.abs(predictedBefore - measuredDecodeTokPerSec) / measuredDecodeTokPerSec;
        }

        public double errorAfter() {
            return Math.abs(predictedAfter - measuredDecodeTokPerSec) / measuredDecodeTokPerSec;
        }
    }

    public Check check(CalibrationShape shape, HostSpec before, HostSpec after, int threads)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("breakeven-calibration");
        Path file = dir.resolve(shape.id() + "-sparse-q4_0.gguf");
        try {
            shape.writeSparse(file);
            GgufModel model = GgufModel.read(file);
            DecodeEngine.Rates measured = engine.run(file, PROMPT_TOKENS, GEN_TOKENS, threads);
            return new Check(shape.name(), measured.decodeTokPerSec(), predict(model, before).decodeTokPerSec(),
                    predict(model, after).decodeTokPerSec());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The bandwidth at which the planner predicts {@code measuredTokPerSec} for this model. */
    double effectiveBandwidth(GgufModel model, HostSpec host, double measuredTokPerSec) {
        double bw = host.bandwidthGBps();
        double t1 = 1 / predict(model, host).decodeTokPerSec();
        double t2 = 1 / predict(model, new HostSpec(host.ramBytes(), 2 * bw, host.cpuCores())).decodeTokPerSec();
        double k = 2 * bw * (t1 - t2);
        double c = t1 - k / bw;
        double measured = 1 / measuredTokPerSec;
        if (k <= 0 || measured - c <= 0) {
            // Faster than the fixed costs allow: scale the bandwidth by the rate ratio instead.
            return bw * measuredTokPerSec * t1;
        }
        return k / (measured - c);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) && value > 0 ? value : null;
    }

    /** The stored calibration with the run's predictions before and after and the engine's rates. */
    public record CalibrationRun(MachineCalibration calibration, Prediction before, Prediction after,
                                 DecodeEngine.Rates measured) {
        public double decodeErrorBefore() {
            return Math.abs(before.decodeTokPerSec() - measured.decodeTokPerSec()) / measured.decodeTokPerSec();
        }

        public double decodeErrorAfter() {
            return Math.abs(after.decodeTokPerSec() - measured.decodeTokPerSec()) / measured.decodeTokPerSec();
        }
    }
}
