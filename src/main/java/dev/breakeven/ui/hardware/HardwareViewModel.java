package dev.breakeven.ui.hardware;

import dev.breakeven.core.hardware.BandwidthMeter;
import dev.breakeven.core.hardware.GpuReference;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.hardware.HardwareOverrides;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineId;
import dev.breakeven.core.hardware.MeasuredBandwidth;
import dev.breakeven.core.hardware.MeasuredBandwidthStore;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * State of the Hardware page: the detected profile, the user's overrides and the profile both make.
 * Detection and file writes run on the background executor; the FX thread only sees finished values.
 */
public final class HardwareViewModel {
    private static final long GIB = 1024L * 1024L * 1024L;
    /** Upper bounds that catch typos, not real limits. */
    public static final double MAX_BANDWIDTH_GBPS = 20_000;
    public static final double MAX_VRAM_GIB = 2_048;
    public static final double MAX_WATTS = 5_000;

    private final ThisMachine machine;
    private final CalibrationViewModel calibration;
    private final ObservableList<GpuReference> catalogCards = FXCollections.observableArrayList();
    private final OverridesStore store;
    private final TaskExecutor tasks;

    private final ObjectProperty<HardwareProfile> detected = new SimpleObjectProperty<>();
    private final ObjectProperty<HardwareOverrides> overrides = new SimpleObjectProperty<>(HardwareOverrides.none());
    private final ObjectBinding<HardwareProfile> profile;
    private final BooleanProperty detecting = new SimpleBooleanProperty(false);
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty overridesNote = new SimpleStringProperty("");
    private final BooleanProperty measuring = new SimpleBooleanProperty(false);
    private final StringProperty measureStatus = new SimpleStringProperty("");
    private volatile java.time.Duration measureBudget = java.time.Duration.ofSeconds(3);
    private volatile HardwareOverrides latest = HardwareOverrides.none();
    private volatile boolean overridesLoaded;
    private boolean detectedOnce;

    /**
     * @param detectorFactory builds the detector on the background thread (loading the GPU catalog is
     *                        the slow part of the page's start, so it stays off the FX thread)
     */
    public HardwareViewModel(Supplier<HardwareDetector> detectorFactory, OverridesStore store, ExecutorService background) {
        this(new ThisMachine(detectorFactory, store), TaskExecutor.fx(background));
    }

    /**
     * @param machine the app's one profile of this machine: every correction made here is handed to it, so the
     *                pages planning for this machine re-plan at once
     */
    public HardwareViewModel(ThisMachine machine, TaskExecutor tasks) {
        this(machine, tasks, Optional::empty);
    }

    /**
     * @param calibrationEngines finds the engine the "Calibrate" button runs (the app: the installed llama-server
     *                           runtime, else llama-bench on the PATH)
     */
    public HardwareViewModel(ThisMachine machine, TaskExecutor tasks,
                             Supplier<Optional<dev.breakeven.core.calibration.DecodeEngine>> calibrationEngines) {
        this.machine = machine;
        this.store = machine.store();
        this.tasks = tasks;
        profile = Bindings.createObjectBinding(() -> detected.get() == null ? null
                : machine.detector().apply(detected.get(), overrides.get()), detected, overrides);
        // after the file's overrides are in (see detect), every change here is the machine's from now on
        overrides.addListener((o, before, now) -> {
            if (overridesLoaded) {
                machine.useOverrides(now);
            }
        });
        calibration = new CalibrationViewModel(machine, tasks, calibrationEngines, profile, this::useCalibration);
    }

    /** The "Calibrate" section. */
    public CalibrationViewModel calibration() {
        return calibration;
    }

    /** A finished calibration corrects the page's profile and the machine's (it is saved in its own file). */
    private void useCalibration(dev.breakeven.core.hardware.MachineCalibration c) {
        latest = dev.breakeven.core.calibration.ThisMachineCalibration.with(latest, c);
        if (overridesLoaded) {
            overrides.set(dev.breakeven.core.calibration.ThisMachineCalibration.with(overrides.get(), c));
        } else {
            machine.useOverrides(dev.breakeven.core.calibration.ThisMachineCalibration.with(machine.overrides(), c));
        }
    }

    /** Detects once; later calls while detection runs do nothing. */
    public void detect() {
        if (detecting.get()) {
            return;
        }
        detecting.set(true);
        problem.set("");
        // The first visit reuses a detection another page already ran; "Detect again" detects afresh.
        boolean again = detectedOnce;
        tasks.run(() -> {
            // The file is read once; afterwards the overrides in memory are newer than any write in flight.
            OverridesStore.Loaded loaded = overridesLoaded ? null : machine.loadedOverrides();
            HardwareProfile found = again ? machine.detectAgain() : machine.detected();
            return new Detection(found, loaded, machine.detector().references().all());
        }, result -> {
            detectedOnce = true;
            if (result.cards() != null && catalogCards.isEmpty()) {
                catalogCards.setAll(result.cards());
            }
            if (result.loaded() != null && !overridesLoaded) {
                // what the machine uses now: another page may not have changed it, but a test or a CLI might have
                HardwareOverrides current = machine.overrides();
                latest = current;
                overrides.set(current);
                overridesNote.set(result.loaded().note().orElse(""));
                overridesLoaded = true;
            }
            detected.set(result.profile());
            detecting.set(false);
        }, e -> {
            problem.set("Hardware detection failed: " + String.valueOf(e.getMessage()));
            detecting.set(false);
        });
    }

    public ObservableValue<HardwareProfile> profile() {
        return profile;
    }

    public HardwareProfile currentProfile() {
        return profile.get();
    }

    public ReadOnlyBooleanProperty detectingProperty() {
        return detecting;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty overridesNoteProperty() {
        return overridesNote;
    }

    public ObjectProperty<HardwareOverrides> overridesProperty() {
        return overrides;
    }

    /** Cards for "what-if"; filled once the catalog has loaded with the first detection. */
    public ObservableList<GpuReference> catalogCards() {
        return catalogCards;
    }

    /** Sets (or with empty input clears) the RAM bandwidth; returns the message to show, empty when accepted. */
    public Optional<String> setMemoryBandwidth(String text) {
        return switch (NumberInput.parse(text, MAX_BANDWIDTH_GBPS, "GB/s")) {
            case NumberInput.Invalid invalid -> Optional.of(invalid.message());
            case NumberInput.Empty empty -> change(overrides.get().withMemoryBandwidth(null));
            case NumberInput.Value value -> change(overrides.get().withMemoryBandwidth(value.value()));
        };
    }

    /** Overrides one detected GPU's VRAM (GiB), bandwidth (GB/s) and TDP (W); blank fields keep detected figures. */
    public Optional<String> setGpuFigures(String gpuName, String vramGib, String bandwidth, String watts) {
        NumberInput vram = NumberInput.parse(vramGib, MAX_VRAM_GIB, "GiB");
        NumberInput bw = NumberInput.parse(bandwidth, MAX_BANDWIDTH_GBPS, "GB/s");
        NumberInput tdp = NumberInput.parse(watts, MAX_WATTS, "W");
        for (NumberInput input : List.of(vram, bw, tdp)) {
            if (input instanceof NumberInput.Invalid invalid) {
                return Optional.of(invalid.message());
            }
        }
        return change(overrides.get().withGpu(new HardwareOverrides.GpuOverride(gpuName,
                vram instanceof NumberInput.Value v ? Math.round(v.value() * GIB) : null,
                bw instanceof NumberInput.Value v ? v.value() : null,
                tdp instanceof NumberInput.Value v ? (int) Math.round(v.value()) : null)));
    }

    public void addWhatIf(GpuReference card) {
        if (card != null) {
            change(overrides.get().withWhatIf(card.id()));
        }
    }

    public void removeWhatIf(String catalogId) {
        change(overrides.get().withoutWhatIf(catalogId));
    }

    /**
     * Reset clears what the user typed; what this machine measured stays — the bandwidth and the calibrations, which
     * keep their own files (measure or calibrate again to replace them).
     */
    public void resetOverrides() {
        HardwareOverrides now = overrides.get();
        change(HardwareOverrides.none().withMeasured(now.measuredBandwidth()).withCalibration(now.calibration())
                .withGpuCalibration(now.gpuCalibration()));
    }

    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring;
    }

    /** "Measured 12.3 GB/s read … on 2026-12-07", or why it failed. */
    public StringProperty measureStatusProperty() {
        return measureStatus;
    }

    /** For tests: a shorter measurement. */
    void setMeasureBudget(java.time.Duration budget) {
        this.measureBudget = budget;
    }

    /**
     * Measures the RAM bandwidth on all cores (a few seconds, in the background), stores it with its date and
     * shows it as "measured"; the planner pages use it from their next calculation.
     */
    public void measureBandwidth() {
        if (measuring.get()) {
            return;
        }
        measuring.set(true);
        measureStatus.set("Measuring RAM bandwidth on " + Runtime.getRuntime().availableProcessors() + " threads…");
        java.time.Duration budget = measureBudget;
        HardwareProfile current = detected.get();
        long available = current == null ? 0 : current.memory().availableBytes();
        tasks.run(() -> {
            MeasuredBandwidth m = MeasuredBandwidth.of(BandwidthMeter.measureThisMachine(available, budget),
                    MachineId.thisMachine(), java.time.Instant.now());
            new MeasuredBandwidthStore(store.file().getParent()).save(m);
            return m;
        }, m -> {
            latest = latest.withMeasured(m);
            overrides.set(overrides.get().withMeasured(m));
            measureStatus.set(String.format(java.util.Locale.ROOT,
                    "Measured %.1f GB/s read, %.1f GB/s copy on %d threads (%s)%s", m.readGBps(), m.copyGBps(),
                    m.threads(), m.date(), overrides.get().memoryBandwidthGBps() == null ? ""
                            : "; your own figure still wins: clear it to use the measured one"));
            measuring.set(false);
        }, e -> {
            measureStatus.set("Measuring failed: " + e.getMessage());
            measuring.set(false);
        });
    }

    private Optional<String> change(HardwareOverrides next) {
        overrides.set(next);
        latest = next;
        tasks.run(() -> {
            // Each write stores the newest overrides, so writes finishing out of order still end right.
            synchronized (store) {
                store.save(latest);
            }
            return null;
        }, saved -> { }, e -> problem.set("Could not save your overrides: " + e.getMessage()));
        return Optional.empty();
    }

    private record Detection(HardwareProfile profile, OverridesStore.Loaded loaded, List<GpuReference> cards) {
    }
}
