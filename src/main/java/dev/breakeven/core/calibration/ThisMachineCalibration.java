package dev.breakeven.core.calibration;

import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.hardware.HardwareOverrides;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MachineCalibrationStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The steps around a {@link Calibrator} run that {@code breakeven calibrate} and the Hardware page's "Calibrate"
 * button share: which engine runs it, what "before" means, the threads it runs on, and where the result is kept.
 * Kept here so the two entry points calibrate alike.
 */
public final class ThisMachineCalibration {
    /** What to say when neither engine is there; the Runtime page installs llama.cpp's runtime. */
    public static final String NO_ENGINE = "No llama-server runtime and no llama-bench found: install the llama.cpp "
            + "runtime on the Runtime page (or 'breakeven runtime install'), then calibrate again.";

    private ThisMachineCalibration() {
    }

    /**
     * A warning when other work kept more than half the cores busy as the run started: llama.cpp's rates, and so the
     * factors, then describe a shared machine (seen here: calibrated during a build, prefill × 0.26, and Fit planned a
     * 7B at 1 tok/s prefill). Empty on an idle machine or where the OS gives no load average (Windows).
     */
    public static Optional<String> busyWarning(double loadAverage, int cores) {
        if (!(loadAverage >= 0) || cores <= 0 || loadAverage <= cores * 0.5) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "The machine was busy when calibration started (load "
                + "average %.1f on %d cores): these figures describe it shared with that work; calibrate again when it "
                + "is idle.", loadAverage, cores));
    }

    /** This machine's one-minute load average and threads, read as a run starts, for {@link #busyWarning}. */
    public static Optional<String> busyWarningNow() {
        return busyWarning(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The default engine: the installed (or PATH) llama-server runtime on the CPU, else llama-bench on the PATH. */
    public static Optional<DecodeEngine> defaultEngine(LlamaServerLocator runtimes, EngineSupervisor supervisor) {
        Optional<Path> server = runtimes.find();
        if (server.isPresent()) {
            return Optional.of(LlamaServerEngine.cpu(supervisor, server.get()));
        }
        return LlamaBenchEngine.onPath().map(DecodeEngine.class::cast);
    }

    /**
     * The corrections without this machine's calibrations: "before" is the machine as it would be planned without
     * them (measured, typed, detected or assumed), so a second calibration does not start from the first.
     */
    public static HardwareOverrides uncalibrated(HardwareOverrides overrides) {
        return overrides.withCalibration(null).withGpuCalibration(null);
    }

    /**
     * The target predicted for a run on {@code threads} threads: the planner's CPU compute is per core, so a prefill
     * factor measured on fewer threads than cores still holds at all of them.
     */
    public static HardwareTarget forThreads(HardwareTarget target, int threads) {
        HostSpec host = target.host();
        HostSpec running = new HostSpec(host.ramBytes(), host.bandwidthGBps(), threads, host.prefillScale());
        return new HardwareTarget(target.label(), target.gpu(), running, target.unifiedMemory());
    }

    /** The CPU-only target of an uncalibrated profile, on all its cores. */
    public static HardwareTarget cpuTarget(HardwareProfile uncalibrated, FitPlanner planner) {
        double fallback = planner.memory().constants().fallbackHostBandwidthGBps();
        return HardwareTarget.cpuOnly(dev.breakeven.core.fit.HardwareTargets.host(uncalibrated, fallback));
    }

    /** Keeps the run's calibration in the settings folder (the CPU's or the GPU's file), where the profile reads it. */
    public static MachineCalibration save(Path settingsDir, Calibrator.CalibrationRun run) throws IOException {
        MachineCalibration c = run.calibration();
        MachineCalibrationStore.forRun(settingsDir, c).save(c);
        return c;
    }

    /** The corrections with a run's calibration in place of the earlier one on the same device. */
    public static HardwareOverrides with(HardwareOverrides overrides, MachineCalibration c) {
        return c.onGpu() ? overrides.withGpuCalibration(c) : overrides.withCalibration(c);
    }
}
