package dev.breakeven.bench;

import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.calibration.LlamaBenchEngine;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.BandwidthMeter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's figures on this machine: the measured RAM bandwidth beside llama-bench's implied bytes/s (weights read
 * per token × decode tok/s) on sparse shapes, and the CPU decode prediction error of three shapes before and after
 * calibrating on the smallest one (llama.cpp's own rate as the truth), with the calibration's duration.
 * Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=CalibrationBenchmark} (llama-bench from ../shared).
 */
public final class CalibrationBenchmark {
    private CalibrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path bench = Path.of(System.getProperty("breakeven.shared", "../shared"), "llama.cpp/llama-bench");
        // -Dbench.threads=1 on a machine shared with other work: llama.cpp's spinning thread barrier collapses when oversubscribed.
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
        BandwidthMeter.Result bw = BandwidthMeter.measure(threads, 512L << 20, Duration.ofSeconds(4));
        System.out.printf(Locale.ROOT, "measured RAM bandwidth: %.1f GB/s read, %.1f GB/s copy, %d threads (%.1f s)%n",
                bw.readGBps(), bw.copyGBps(), bw.threads(), bw.seconds());

        DecodeEngine engine = new LlamaBenchEngine(bench, 1800);
        Calibrator calibrator = new Calibrator(engine, FitPlanner.standard(), Clock.systemUTC());
        long ram = 24L << 30;
        HostSpec assumed = new HostSpec(ram, 40, threads);
        HostSpec measured = new HostSpec(ram, bw.readGBps(), threads);
        Calibrator.CalibrationRun run = calibrator.calibrate(CalibrationShape.HALF_B, assumed, threads, "benchmark");
        System.out.printf(Locale.ROOT, "calibration on %s took %.1f s: effective %.2f GB/s%n",
                CalibrationShape.HALF_B.name(), run.calibration().seconds(), run.calibration().effectiveBandwidthGBps());
        HostSpec calibrated = new HostSpec(ram, run.calibration().effectiveBandwidthGBps(), threads);
        System.out.println("shape | weights read/token MB | llama.cpp tok/s | implied GB/s | predicted @40 (err) | @measured (err) | calibrated (err)");
        for (CalibrationShape shape : List.of(CalibrationShape.HALF_B, CalibrationShape.TINYLLAMA_1B, CalibrationShape.LLAMA32_3B)) {
            Path file = Files.createTempFile("calibration-bench", ".gguf");
            try {
                shape.writeSparse(file);
                GgufModel model = GgufModel.read(file);
                // Read per token: every layer and the output matrix; of the embedding only one row.
                long bytes = model.weights().fileBytes() - model.weights().tokenEmbeddingBytes();
                DecodeEngine.Rates rates = engine.run(file, Calibrator.PROMPT_TOKENS, Calibrator.GEN_TOKENS, threads);
                double truth = rates.decodeTokPerSec();
                double p40 = calibrator.predict(model, assumed).decodeTokPerSec();
                double pm = calibrator.predict(model, measured).decodeTokPerSec();
                double pc = calibrator.predict(model, calibrated).decodeTokPerSec();
                System.out.printf(Locale.ROOT, "%s | %.0f | %.2f | %.2f | %.2f (%.0f%%) | %.2f (%.0f%%) | %.2f (%.0f%%)%n",
                        shape.name(), bytes / 1e6, truth, bytes * truth / 1e9, p40, err(p40, truth), pm, err(pm, truth),
                        pc, err(pc, truth));
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static double err(double predicted, double truth) {
        return 100 * Math.abs(predicted - truth) / truth;
    }
}
