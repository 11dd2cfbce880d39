package dev.breakeven.bench;

import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.calibration.LlamaBenchEngine;
import dev.breakeven.core.calibration.LlamaServerEngine;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.BandwidthMeter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's figures on this machine: the CPU decode and prefill prediction error of three sparse shapes before and
 * after calibrating on the smallest one through llama-server (the runtime, started by the engine supervisor as the
 * app does; llama.cpp's own {@code timings} as the truth), the measured RAM bandwidth beside llama-bench's implied
 * bytes/s (weights read per token × its decode tok/s), and how long calibration takes. Every figure is printed with
 * the load average at the time: on a shared machine that is what the figures mean.
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=CalibrationBenchmark} (binaries from ../shared).
 */
public final class CalibrationBenchmark {
    private CalibrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("breakeven.shared", "../shared"));
        // -Dbench.threads=1 on a machine shared with other work: llama.cpp's spinning thread barrier collapses when oversubscribed.
        int threads = Integer.getInteger("bench.threads", 1);
        BandwidthMeter.Result bw = BandwidthMeter.measure(threads, 512L << 20, Duration.ofSeconds(4));
        System.out.printf(Locale.ROOT, "measured RAM bandwidth: %.2f GB/s read, %.2f GB/s copy, %d threads (%.1f s) [load %s]%n",
                bw.readGBps(), bw.copyGBps(), bw.threads(), bw.seconds(), load());

        Path work = Files.createTempDirectory("calibration-bench");
        try (EngineSupervisor supervisor = new EngineSupervisor(work.resolve("run"), work.resolve("logs"))) {
            DecodeEngine server = LlamaServerEngine.cpu(supervisor, shared.resolve("llama.cpp/llama-server"));
            DecodeEngine bench = new LlamaBenchEngine(shared.resolve("llama.cpp/llama-bench"), 1800);
            Calibrator calibrator = new Calibrator(server, FitPlanner.standard(), Clock.systemUTC());
            long ram = 24L << 30;
            HostSpec assumed = new HostSpec(ram, 40, threads);
            HostSpec measured = new HostSpec(ram, bw.readGBps(), threads);
            // "before" as the app plans it after `hardware --measure`: the measured bandwidth, no prefill correction
            String loadBefore = load();
            Calibrator.CalibrationRun run = calibrator.calibrate(CalibrationShape.HALF_B, measured, threads, "benchmark");
            HardwareTarget calibrated = run.calibratedTarget();
            System.out.printf(Locale.ROOT, "calibration through llama-server on %s took %.1f s: effective %.2f GB/s, "
                            + "prefill × %.3f [load %s before, %s after]%n", CalibrationShape.HALF_B.name(),
                    run.calibration().seconds(), run.calibration().effectiveBandwidthGBps(),
                    run.calibration().prefillFactor(), loadBefore, load());
            System.out.println("shape | read/token MB | server decode tok/s | @40 GB/s (err) | @measured (err) | calibrated (err)"
                    + " | server prefill tok/s | prefill predicted (err) | calibrated (err) | llama-bench decode tok/s | implied GB/s | load");
            for (CalibrationShape shape : List.of(CalibrationShape.HALF_B, CalibrationShape.TINYLLAMA_1B,
                    CalibrationShape.LLAMA32_3B)) {
                row(shape, server, bench, calibrator, assumed, measured, calibrated, threads);
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void row(CalibrationShape shape, DecodeEngine server, DecodeEngine bench, Calibrator calibrator,
                            HostSpec assumed, HostSpec measured, HardwareTarget calibrated, int threads)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("calibration-bench", ".gguf");
        try {
            shape.writeSparse(file);
            GgufModel model = GgufModel.read(file);
            // Read per token: every layer and the output matrix; of the embedding only one row.
            long bytes = model.weights().fileBytes() - model.weights().tokenEmbeddingBytes();
            String loadAt = load();
            DecodeEngine.Rates truth = server.run(file, Calibrator.PROMPT_TOKENS, Calibrator.GEN_TOKENS, threads);
            DecodeEngine.Rates viaBench = bench.run(file, Calibrator.PROMPT_TOKENS, Calibrator.GEN_TOKENS, threads);
            var p40 = calibrator.predict(model, assumed);
            var pm = calibrator.predict(model, measured);
            var pc = calibrator.predict(model, calibrated);
            double t = truth.decodeTokPerSec();
            Double prefill = truth.prefillTokPerSec();
            System.out.printf(Locale.ROOT, "%s | %.0f | %.2f | %.2f (%.0f%%) | %.2f (%.0f%%) | %.2f (%.0f%%) | %s | %.1f (%s) | %.1f (%s) | %.2f | %.2f | %s → %s%n",
                    shape.name(), bytes / 1e6, t, p40.decodeTokPerSec(), err(p40.decodeTokPerSec(), t),
                    pm.decodeTokPerSec(), err(pm.decodeTokPerSec(), t), pc.decodeTokPerSec(), err(pc.decodeTokPerSec(), t),
                    prefill == null ? "n/a" : String.format(Locale.ROOT, "%.1f", prefill), pm.prefillTokPerSec(),
                    pct(pm.prefillTokPerSec(), prefill), pc.prefillTokPerSec(), pct(pc.prefillTokPerSec(), prefill),
                    viaBench.decodeTokPerSec(), bytes * viaBench.decodeTokPerSec() / 1e9, loadAt, load());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double err(double predicted, double truth) {
        return 100 * Math.abs(predicted - truth) / truth;
    }

    private static String pct(double predicted, Double truth) {
        return truth == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", err(predicted, truth));
    }

    /** The 1-minute load average (Linux), what this shared machine's other work adds. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
