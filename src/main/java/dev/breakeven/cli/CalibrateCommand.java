package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.calibration.LlamaBenchEngine;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MachineCalibrationStore;
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
 * {@code breakeven calibrate [--shape ID] [--llama-bench PATH] [--verify IDS] [--json]}: one short decode run
 * corrects this machine's CPU predictions; prints measured against predicted before and after.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Decode a sparse model of a real shape on this machine (llama-bench) and correct its speed predictions.")
public final class CalibrateCommand implements Callable<Integer> {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--shape", defaultValue = "0.5b",
            description = "Shape to decode: 0.5b, 1.1b, 3b or 7b (default ${DEFAULT-VALUE}; bigger takes longer to load).")
    String shapeId;

    @Option(names = "--llama-bench", description = "llama.cpp's llama-bench binary (default: llama-bench on the PATH).")
    Path llamaBench;

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
                             double predictedAfter, double errorBefore, double errorAfter) {
    }

    /** What {@code --json} prints. */
    public record CalibrateJson(String calibratedAt, String engine, String shape, int threads,
                                double measuredDecodeTokPerSec, Double measuredPrefillTokPerSec,
                                double predictedDecodeBefore, double predictedDecodeAfter, double decodeErrorBefore,
                                double decodeErrorAfter, Double predictedPrefill, double bandwidthBeforeGBps,
                                double effectiveBandwidthGBps, double seconds, List<ShapeCheck> verified) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CalibrationShape shape = shape(shapeId);
        List<CalibrationShape> checks = new ArrayList<>();
        for (String id : verify) {
            checks.add(shape(id));
        }
        DecodeEngine engine = engine();
        OverridesStore.Loaded loaded = new OverridesStore(services.dirs().settings()).load();
        // "Before" is the machine as it would be planned without any calibration: measured, detected or assumed.
        HardwareProfile profile = CatalogGpuReferences.detector().detect(loaded.overrides().withCalibration(null));
        FitPlanner planner = FitPlanner.standard();
        HostSpec host = HardwareTargets.host(profile, planner.memory().constants().fallbackHostBandwidthGBps());
        int useThreads = threads != null ? threads : host.cpuCores();
        if (useThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("Calibrating with " + engine.name() + " on " + shape.name() + ", " + useThreads + " threads…");
        err.flush();
        Calibrator calibrator = new Calibrator(engine, planner, Clock.systemUTC());
        Calibrator.CalibrationRun run = calibrator.calibrate(shape, host, useThreads, MachineId.thisMachine());
        MachineCalibration c = run.calibration();
        new MachineCalibrationStore(services.dirs().settings()).save(c);

        HostSpec calibrated = new HostSpec(host.ramBytes(), c.effectiveBandwidthGBps(), host.cpuCores());
        List<ShapeCheck> verified = new ArrayList<>();
        for (CalibrationShape check : checks) {
            err.println("Checking " + check.name() + "…");
            err.flush();
            Calibrator.Check checked = calibrator.check(check, host, calibrated, useThreads);
            verified.add(new ShapeCheck(checked.shape(), checked.measuredDecodeTokPerSec(), checked.predictedBefore(),
                    checked.predictedAfter(), checked.errorBefore(), checked.errorAfter()));
        }
        CalibrateJson result = new CalibrateJson(c.calibratedAt(), c.engine(), c.shape(), c.threads(),
                c.measuredDecodeTokPerSec(), c.measuredPrefillTokPerSec(), c.predictedDecodeBefore(),
                run.after().decodeTokPerSec(), run.decodeErrorBefore(), run.decodeErrorAfter(), c.predictedPrefill(),
                c.bandwidthBeforeGBps(), c.effectiveBandwidthGBps(), c.seconds(), verified);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, result);
        } else {
            print(out, result);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, CalibrateJson r) {
        out.printf(Locale.ROOT, "%s, %d threads, %s — took %.1f s%n", r.shape(), r.threads(), r.engine(), r.seconds());
        out.printf(Locale.ROOT, "decode   measured %.2f tok/s; predicted %.2f before (%.0f%% off), %.2f after (%.0f%% off)%n",
                r.measuredDecodeTokPerSec(), r.predictedDecodeBefore(), 100 * r.decodeErrorBefore(),
                r.predictedDecodeAfter(), 100 * r.decodeErrorAfter());
        out.printf(Locale.ROOT, "prefill  measured %s tok/s; predicted %s (not corrected yet)%n",
                fmt(r.measuredPrefillTokPerSec()), fmt(r.predictedPrefill()));
        out.printf(Locale.ROOT, "RAM bandwidth for predictions: %.1f GB/s before, %.1f GB/s calibrated%n",
                r.bandwidthBeforeGBps(), r.effectiveBandwidthGBps());
        for (ShapeCheck check : r.verified()) {
            out.printf(Locale.ROOT, "check    %s: measured %.2f tok/s; predicted %.2f before (%.0f%% off), %.2f after (%.0f%% off)%n",
                    check.shape(), check.measuredDecodeTokPerSec(), check.predictedBefore(), 100 * check.errorBefore(),
                    check.predictedAfter(), 100 * check.errorAfter());
        }
        out.println("Fit, Compare and Costs now predict this machine with the calibrated figure (calibrated "
                + r.calibratedAt().substring(0, 10) + ").");
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    private CalibrationShape shape(String id) {
        return CalibrationShape.byId(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown shape '" + id + "'; choose one of 0.5b, 1.1b, 3b, 7b"));
    }

    private DecodeEngine engine() {
        if (llamaBench != null) {
            if (!Files.isExecutable(llamaBench)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--llama-bench " + llamaBench
                        + " is not an executable file");
            }
            return new LlamaBenchEngine(llamaBench, 600);
        }
        return LlamaBenchEngine.onPath().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no llama-bench found on the PATH; install llama.cpp or pass --llama-bench PATH"));
    }
}
