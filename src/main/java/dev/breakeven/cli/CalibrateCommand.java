package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.calibration.LlamaBenchEngine;
import dev.breakeven.core.calibration.LlamaServerEngine;
import dev.breakeven.core.calibration.ThisMachineCalibration;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MachineId;
import dev.breakeven.core.hardware.OverridesStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code breakeven calibrate [--engine llama-server|llama-bench] [--gpu] [--shape ID] [--verify IDS] [--json]}: one
 * short run corrects this machine's decode and prefill predictions; prints measured against predicted before and
 * after. The default engine is the llama-server runtime the app runs models with (started by the app's supervisor),
 * llama-bench when no runtime is found.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Run a sparse model of a real shape on this machine (llama-server runtime or llama-bench) and correct its decode and prefill predictions.")
public final class CalibrateCommand implements Callable<Integer> {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--shape", defaultValue = "0.5b",
            description = "Shape to decode: 0.5b, 1.1b, 3b or 7b (default ${DEFAULT-VALUE}; bigger takes longer to load).")
    String shapeId;

    @Option(names = "--engine", description = "llama-server (the runtime, default when one is installed or on the PATH) or llama-bench.")
    String engineName;

    @Option(names = "--gguf", description = "Calibrate on your own model file instead of a sparse shape (only read; loading a big one takes a while).")
    Path gguf;

    @Option(names = "--llama-server", description = "llama.cpp's llama-server binary (default: the installed runtime, then the PATH).")
    Path llamaServer;

    @Option(names = "--llama-bench", description = "llama.cpp's llama-bench binary (default: llama-bench on the PATH).")
    Path llamaBench;

    @Option(names = "--gpu", description = "Calibrate this machine's GPU: every layer offloaded through llama-server (needs a GPU build of the runtime).")
    boolean gpu;

    @Option(names = "--threads", description = "CPU threads (default: physical cores).")
    Integer threads;

    @Option(names = "--verify", split = ",",
            description = "After calibrating, also decode these shapes and print their prediction error before and after.")
    List<String> verify = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    CalibrateCommand(AppServices services) {
        this.services = services;
    }

    /** One shape's measured rate against the prediction before and after calibration. */
    public record ShapeCheck(String shape, double measuredDecodeTokPerSec, double predictedBefore,
                             double predictedAfter, double errorBefore, double errorAfter,
                             Double measuredPrefillTokPerSec, Double prefillErrorBefore, Double prefillErrorAfter) {
    }

    /** What {@code --json} prints. */
    public record CalibrateJson(String calibratedAt, String engine, String shape, int threads,
                                double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                                double predictedDecodeBefore, double predictedDecodeAfter, double decodeErrorBefore,
                                double decodeErrorAfter, Double predictedPrefill, double bandwidthBeforeGBps,
                                double effectiveBandwidthGBps, double seconds, List<ShapeCheck> verified,
                                Double predictedPrefillAfter, Double prefillScale, Double prefillErrorBefore,
                                Double prefillErrorAfter, String gpu, Double perLayerSeconds) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CalibrationShape shape = shape(shapeId);
        if (gguf != null && !Files.isRegularFile(gguf)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gguf " + gguf + " is not a file");
        }
        List<CalibrationShape> checks = new ArrayList<>();
        for (String id : verify) {
            checks.add(shape(id));
        }
        DecodeEngine engine = engine();
        OverridesStore.Loaded loaded = new OverridesStore(services.dirs().settings()).load();
        // "Before" is the machine as it would be planned without any calibration: measured, detected or assumed.
        HardwareProfile profile = CatalogGpuReferences.detector().detect(
                ThisMachineCalibration.uncalibrated(loaded.overrides()));
        FitPlanner planner = FitPlanner.standard();
        double fallback = planner.memory().constants().fallbackHostBandwidthGBps();
        HostSpec host = HardwareTargets.host(profile, fallback);
        HardwareTarget target = ThisMachineCalibration.cpuTarget(profile, planner);
        if (gpu) {
            target = HardwareTargets.fromProfile(profile, GpuCatalog.load(), fallback);
            if (target.gpu() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--gpu: no GPU with known memory and "
                        + "bandwidth was detected on this machine (see 'breakeven hardware'); calibrate the CPU without --gpu");
            }
        }
        int useThreads = threads != null ? threads : host.cpuCores();
        if (useThreads < 1 || useThreads > Runtime.getRuntime().availableProcessors()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be between 1 and "
                    + Runtime.getRuntime().availableProcessors() + " (this machine's threads)");
        }
        // Predicted for the threads the engine runs with: the planner's CPU compute is per core, so a prefill factor
        // measured on fewer threads than cores still holds at all of them.
        target = ThisMachineCalibration.forThreads(target, useThreads);
        PrintWriter err = spec.commandLine().getErr();
        err.println("Calibrating " + (gpu ? target.gpu().name() : "the CPU") + " with " + engine.name() + " on "
                + (gguf != null ? gguf.getFileName() : shape.name()) + ", " + useThreads + " threads…");
        err.flush();
        java.util.Optional<String> busy = ThisMachineCalibration.busyWarningNow();
        Calibrator calibrator = new Calibrator(engine, planner, Clock.systemUTC());
        Calibrator.CalibrationRun run = gguf != null
                ? calibrator.calibrate(gguf, target, useThreads, MachineId.thisMachine())
                : calibrator.calibrate(shape, target, useThreads, MachineId.thisMachine());
        MachineCalibration c = ThisMachineCalibration.save(services.dirs().settings(), run);

        HardwareTarget calibrated = run.calibratedTarget();
        List<ShapeCheck> verified = new ArrayList<>();
        for (CalibrationShape check : checks) {
            err.println("Checking " + check.name() + "…");
            err.flush();
            Calibrator.Check checked = calibrator.check(check, target, calibrated, useThreads);
            verified.add(new ShapeCheck(checked.shape(), checked.measuredDecodeTokPerSec(), checked.predictedBefore(),
                    checked.predictedAfter(), checked.errorBefore(), checked.errorAfter(),
                    checked.measuredPrefillTokPerSec(), checked.prefillErrorBefore(), checked.prefillErrorAfter()));
        }
        CalibrateJson result = new CalibrateJson(c.calibratedAt(), c.engine(), c.shape(), c.threads(),
                c.measuredDecodeTokPerSec(), c.measuredPrefillTokPerSec(), c.predictedDecodeBefore(),
                run.after().decodeTokPerSec(), run.decodeErrorBefore(), run.decodeErrorAfter(), c.predictedPrefill(),
                c.bandwidthBeforeGBps(), c.effectiveBandwidthGBps(), c.seconds(), verified,
                finiteOrNull(run.after().prefillTokPerSec()), c.prefillScale(), run.prefillErrorBefore(),
                run.prefillErrorAfter(), c.gpu(), c.perLayerSeconds());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, result);
        } else {
            print(out, result);
        }
        out.flush();
        busy.ifPresent(warning -> err.println("note: " + warning));
        err.flush();
        return 0;
    }

    private static void print(PrintWriter out, CalibrateJson r) {
        out.printf(Locale.ROOT, "%s, %d threads, %s — took %.1f s%n", r.shape(), r.threads(), r.engine(), r.seconds());
        out.printf(Locale.ROOT, "decode   measured %.2f tok/s; predicted %.2f before (%.0f%% off), %.2f after (%.0f%% off)%n",
                r.measuredDecodeTokPerSec(), r.predictedDecodeBefore(), 100 * r.decodeErrorBefore(),
                r.predictedDecodeAfter(), 100 * r.decodeErrorAfter());
        out.printf(Locale.ROOT, "prefill  measured %s tok/s; predicted %s before (%s off), %s after (%s off)%n",
                fmt(r.measuredPrefillTokPerSec()), fmt(r.predictedPrefill()), pct(r.prefillErrorBefore()),
                fmt(r.predictedPrefillAfter()), pct(r.prefillErrorAfter()));
        out.printf(Locale.ROOT, "%s bandwidth for predictions: %.1f GB/s before, %.1f GB/s calibrated; prefill × %s%n",
                r.gpu() == null ? "RAM" : r.gpu(), r.bandwidthBeforeGBps(), r.effectiveBandwidthGBps(),
                r.prefillScale() == null ? "1 (no prefill measured)" : String.format(Locale.ROOT, "%.2f", r.prefillScale()));
        if (r.perLayerSeconds() != null) {
            out.printf(Locale.ROOT, "per layer %.3f ms of fixed CPU time per token (from the two shapes' rates)%n",
                    1000 * r.perLayerSeconds());
        }
        for (ShapeCheck check : r.verified()) {
            out.printf(Locale.ROOT, "check    %s: decode measured %.2f tok/s; predicted %.2f before (%.0f%% off), %.2f after (%.0f%% off);"
                            + " prefill %s off before, %s after%n",
                    check.shape(), check.measuredDecodeTokPerSec(), check.predictedBefore(), 100 * check.errorBefore(),
                    check.predictedAfter(), 100 * check.errorAfter(), pct(check.prefillErrorBefore()),
                    pct(check.prefillErrorAfter()));
        }
        out.println("Fit, Compare and Costs now predict this machine with the calibrated figure (calibrated "
                + r.calibratedAt().substring(0, 10) + ").");
    }

    private static String pct(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * value);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) && value > 0 ? value : null;
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    private CalibrationShape shape(String id) {
        return CalibrationShape.byId(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown shape '" + id + "'; choose one of 0.5b, 1.1b, 3b, 7b"));
    }

    private DecodeEngine engine() {
        String chosen = engineName == null ? null : engineName.strip().toLowerCase(Locale.ROOT);
        if (chosen != null && !chosen.equals("llama-server") && !chosen.equals("llama-bench")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown engine '" + engineName
                    + "'; choose llama-server or llama-bench");
        }
        if (gpu && "llama-bench".equals(chosen)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--gpu calibrates through llama-server, the runtime that serves the GPU; drop --engine llama-bench");
        }
        boolean benchAsked = "llama-bench".equals(chosen) || (chosen == null && llamaBench != null && llamaServer == null);
        if (!benchAsked) {
            if (llamaServer != null && !Files.isExecutable(llamaServer)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--llama-server " + llamaServer
                        + " is not an executable file");
            }
            java.util.Optional<Path> server = llamaServer != null ? java.util.Optional.of(llamaServer)
                    : services.engines().runtimes().find();
            if (server.isPresent()) {
                var supervisor = services.engines().supervisor();
                return gpu ? LlamaServerEngine.gpu(supervisor, server.get())
                        : LlamaServerEngine.cpu(supervisor, server.get());
            }
            if (chosen != null || gpu) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no llama-server runtime found: install "
                        + "one ('breakeven runtime install') or pass --llama-server PATH");
            }
        }
        if (llamaBench != null) {
            if (!Files.isExecutable(llamaBench)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--llama-bench " + llamaBench
                        + " is not an executable file");
            }
            return new LlamaBenchEngine(llamaBench, 600);
        }
        return LlamaBenchEngine.onPath().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                ThisMachineCalibration.NO_ENGINE + " (or pass --llama-server PATH)"));
    }
}
