package dev.breakeven.ui.hardware;

import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.calibration.ThisMachineCalibration;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.hardware.CalibrationStatus;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MachineId;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Hardware page's "Calibrate" section: the same run as {@code breakeven calibrate} (a sparse 0.5B-shaped GGUF
 * decoded through the llama-server runtime, or llama-bench), in the background with progress and Cancel; the
 * result is saved where the CLI saves it and handed to the shared profile, so Fit and Compare re-plan at once.
 */
public final class CalibrationViewModel {
    private final ThisMachine machine;
    private final TaskExecutor tasks;
    private final Supplier<Optional<DecodeEngine>> engines;
    private final Consumer<MachineCalibration> onCalibrated;
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private volatile CalibrationShape shape = CalibrationShape.byId("0.5b").orElseThrow();
    private volatile Integer threads;
    private volatile Thread worker;
    /** Set as a run starts: a warning when other work kept the machine busy, shown with the result. */
    private volatile java.util.Optional<String> busy = java.util.Optional.empty();
    private volatile boolean cancelled;
    private volatile Calibrator.CalibrationRun lastRun;

    /**
     * @param engines      finds the engine when the user presses the button (the runtime may be installed meanwhile)
     * @param profile      the page's profile: its calibration gives "calibrated &lt;date&gt;" / "uncalibrated"
     * @param onCalibrated takes a finished run's calibration into the page's (and the machine's) corrections
     */
    CalibrationViewModel(ThisMachine machine, TaskExecutor tasks, Supplier<Optional<DecodeEngine>> engines,
                         ObservableValue<HardwareProfile> profile, Consumer<MachineCalibration> onCalibrated) {
        this.machine = machine;
        this.tasks = tasks;
        this.engines = engines;
        this.onCalibrated = onCalibrated;
        profile.addListener((o, before, now) -> showStatus(now));
        showStatus(profile.getValue());
    }

    private void showStatus(HardwareProfile profile) {
        status.set(profile == null ? "" : "This machine: " + CalibrationStatus.of(profile));
    }

    /** "This machine: calibrated 2026-12-07" or "This machine: uncalibrated", once the profile is known. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** What the run is doing, or how it ended (cancelled, failed, no engine). */
    public ReadOnlyStringProperty progressProperty() {
        return progress;
    }

    /** The finished run: measured against predicted before and after, the calibrated bandwidth, its date. */
    public ReadOnlyStringProperty resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** The last finished run, for tests and the page. */
    public Optional<Calibrator.CalibrationRun> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /** For tests: fewer threads than the machine's cores. */
    void setThreads(Integer threads) {
        this.threads = threads;
    }

    /** Runs the calibration in the background; a second press while it runs does nothing. */
    public void calibrate() {
        if (running.get()) {
            return;
        }
        running.set(true);
        cancelled = false;
        result.set("");
        progress.set("Looking for llama-server or llama-bench…");
        CalibrationShape chosen = shape;
        Integer asked = threads;
        tasks.run(() -> {
            worker = Thread.currentThread();
            try {
                DecodeEngine engine = engines.get().orElseThrow(NoEngine::new);
                // "Before" is the machine without calibration, as the CLI predicts it.
                HardwareProfile before = machine.detector().apply(machine.detected(),
                        ThisMachineCalibration.uncalibrated(machine.overrides()));
                FitPlanner planner = FitPlanner.standard();
                HardwareTarget target = ThisMachineCalibration.cpuTarget(before, planner);
                int use = asked != null ? asked : target.host().cpuCores();
                target = ThisMachineCalibration.forThreads(target, use);
                String doing = "Calibrating the CPU with " + engine.name() + " on a " + chosen.name() + ", " + use
                        + " threads (loading the model, then a short decode)…";
                tasks.onUi(() -> progress.set(doing));
                busy = ThisMachineCalibration.busyWarningNow();
                Calibrator.CalibrationRun run = new Calibrator(engine, planner, Clock.systemUTC())
                        .calibrate(chosen, target, use, MachineId.thisMachine());
                ThisMachineCalibration.save(machine.store().file().getParent(), run);
                return run;
            } finally {
                worker = null;
            }
        }, run -> {
            lastRun = run;
            onCalibrated.accept(run.calibration());
            result.set(describe(run));
            progress.set(String.format(Locale.ROOT, "Done in %.1f s; Fit and Compare now plan with the calibrated figure.",
                    run.calibration().seconds()) + busy.map(w -> " " + w).orElse(""));
            running.set(false);
        }, e -> {
            progress.set(cancelled ? "Calibration cancelled; the earlier figures stay."
                    : e instanceof NoEngine ? ThisMachineCalibration.NO_ENGINE
                    : "Calibration failed: " + e.getMessage());
            running.set(false);
        });
    }

    /** Stops a running calibration: the engine process is stopped and nothing is saved. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        cancelled = true;
        progress.set("Cancelling…");
        Thread w = worker;
        if (w != null) {
            // the supervisor's start and the HTTP request both end on interrupt, and the engine is stopped after
            w.interrupt();
        }
    }

    static String describe(Calibrator.CalibrationRun run) {
        MachineCalibration c = run.calibration();
        String prefill = run.measured().prefillTokPerSec() == null ? "prefill not measured"
                : String.format(Locale.ROOT, "prefill measured %.1f tok/s, predicted %.1f before (%s off), %.1f after (%s off)",
                run.measured().prefillTokPerSec(), run.before().prefillTokPerSec(), pct(run.prefillErrorBefore()),
                run.after().prefillTokPerSec(), pct(run.prefillErrorAfter()));
        return String.format(Locale.ROOT,
                "Decode measured %.2f tok/s, predicted %.2f before (%.0f%% off), %.2f after (%.0f%% off); %s.%n"
                        + "RAM bandwidth for predictions: %.1f GB/s before, %.1f GB/s calibrated; prefill × %s%s.%n"
                        + "Calibrated %s with %s on a %s, %d threads, in %.1f s.",
                c.measuredDecodeTokPerSec(), c.predictedDecodeBefore(), 100 * run.decodeErrorBefore(),
                run.after().decodeTokPerSec(), 100 * run.decodeErrorAfter(), prefill, c.bandwidthBeforeGBps(),
                c.effectiveBandwidthGBps(), c.prefillScale() == null ? "1" : String.format(Locale.ROOT, "%.2f", c.prefillScale()),
                c.perLayerSeconds() == null ? ""
                        : String.format(Locale.ROOT, "; %.3f ms per layer", 1000 * c.perLayerSeconds()),
                c.date(), c.engine(), c.shape(), c.threads(), c.seconds());
    }

    private static String pct(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * value);
    }

    /** Neither the runtime nor llama-bench was found. */
    private static final class NoEngine extends Exception {
        NoEngine() {
            super(ThisMachineCalibration.NO_ENGINE);
        }
    }
}
