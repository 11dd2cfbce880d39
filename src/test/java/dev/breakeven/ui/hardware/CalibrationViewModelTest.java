package dev.breakeven.ui.hardware;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.LlamaServerEngine;
import dev.breakeven.core.calibration.ThisMachineCalibration;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.hardware.BaseFindings;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareDetector;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibrationStore;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the Hardware page's "Calibrate" button runs the calibration `breakeven calibrate` runs, through the
 * shared llama-server, and the shared profile (what Fit and Compare plan with) takes its result at once.
 */
class CalibrationViewModelTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** A GPU-less machine whose RAM bandwidth could not be read: predictions assume the planner's default. */
    private ThisMachine machine() {
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("Test CPU", 2, 2, List.of("AVX2")),
                new MemoryInfo(16 * GIB, 12 * GIB, null, FigureSource.DETECTED), List.of(), List.of());
        return new ThisMachine(() -> new HardwareDetector(() -> base, List.of(),
                new CatalogGpuReferences(GpuCatalog.load())), new OverridesStore(dir.resolve("settings")));
    }

    private static double plannedBandwidth(HardwareProfile profile) {
        return HardwareTargets.host(profile, FitPlanner.standard().memory().constants().fallbackHostBandwidthGBps())
                .bandwidthGBps();
    }

    @Test
    void theButtonCalibratesThroughTheRuntimeAndTheSharedProfileTakesTheResult() {
        Path server = SharedModels.llamaServer();
        ThisMachine machine = machine();
        List<HardwareProfile> told = new CopyOnWriteArrayList<>();
        machine.subscribe(told::add);
        try (EngineSupervisor supervisor = new EngineSupervisor(dir.resolve("run"), dir.resolve("logs"))) {
            HardwareViewModel page = new HardwareViewModel(machine, TaskExecutor.inline(),
                    () -> Optional.of(LlamaServerEngine.cpu(supervisor, server)));
            page.detect();
            CalibrationViewModel calibration = page.calibration();
            assertThat(calibration.statusProperty().get()).isEqualTo("This machine: uncalibrated");
            double before = plannedBandwidth(machine.get());
            calibration.setThreads(1);

            long started = System.nanoTime();
            calibration.calibrate();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(calibration.runningProperty().get()).isFalse();
            assertThat(calibration.progressProperty().get()).startsWith("Done in");
            Calibrator.CalibrationRun run = calibration.lastRun().orElseThrow();
            System.out.printf("Calibrate button: %.1f s (run %.1f s); decode %.2f tok/s measured, %.0f%% off before, "
                            + "%.0f%% off after; %.1f -> %.1f GB/s%n", seconds, run.calibration().seconds(),
                    run.measured().decodeTokPerSec(), 100 * run.decodeErrorBefore(), 100 * run.decodeErrorAfter(),
                    run.calibration().bandwidthBeforeGBps(), run.calibration().effectiveBandwidthGBps());
            assertThat(run.calibration().engine()).isEqualTo("llama-server");
            assertThat(run.decodeErrorAfter()).isLessThan(run.decodeErrorBefore());
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(calibration.resultProperty().get()).contains("Decode measured", "before", "after",
                    "GB/s calibrated", "Calibrated " + today);
            assertThat(calibration.statusProperty().get()).isEqualTo("This machine: calibrated " + today);
            assertThat(supervisor.running()).as("the runtime is stopped after the run").isEmpty();

            // the shared profile (Fit, Compare) plans with the calibrated bandwidth, without a restart
            double calibrated = run.calibration().effectiveBandwidthGBps();
            assertThat(calibrated).isNotEqualTo(before);
            assertThat(plannedBandwidth(machine.get())).isEqualTo(calibrated);
            assertThat(told.getLast().calibrations()).containsExactly(run.calibration());
            assertThat(page.currentProfile().memory().bandwidthGBps()).isEqualTo(calibrated);
            // Reset clears typed figures, not what this machine measured
            page.resetOverrides();
            assertThat(plannedBandwidth(machine.get())).isEqualTo(calibrated);
            // kept where the CLI keeps it: the next start is calibrated too
            assertThat(dir.resolve("settings").resolve(MachineCalibrationStore.FILE_NAME)).isRegularFile();
            assertThat(plannedBandwidth(machine().get())).isEqualTo(calibrated);
        }
    }

    @Test
    void withNoRuntimeTheButtonSaysToInstallOneOnTheRuntimePage() {
        ThisMachine machine = machine();
        HardwareViewModel page = new HardwareViewModel(machine, TaskExecutor.inline(), Optional::empty);
        page.detect();

        page.calibration().calibrate();

        assertThat(page.calibration().progressProperty().get()).isEqualTo(ThisMachineCalibration.NO_ENGINE)
                .contains("Runtime page");
        assertThat(page.calibration().runningProperty().get()).isFalse();
        assertThat(page.calibration().resultProperty().get()).isEmpty();
        assertThat(page.calibration().statusProperty().get()).isEqualTo("This machine: uncalibrated");
        assertThat(dir.resolve("settings").resolve(MachineCalibrationStore.FILE_NAME)).doesNotExist();
    }

    @Test
    void cancelStopsTheRuntimeAndKeepsTheEarlierFigures() throws Exception {
        Path server = SharedModels.llamaServer();
        ThisMachine machine = machine();
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        try (EngineSupervisor supervisor = new EngineSupervisor(dir.resolve("run"), dir.resolve("logs"))) {
            // real background thread; answers on it too (no FX toolkit)
            HardwareViewModel page = new HardwareViewModel(machine, TaskExecutor.on(background, Runnable::run),
                    () -> Optional.of(LlamaServerEngine.cpu(supervisor, server)));
            CalibrationViewModel calibration = page.calibration();
            calibration.setThreads(1);
            calibration.calibrate();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!calibration.progressProperty().get().startsWith("Calibrating") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(calibration.progressProperty().get()).startsWith("Calibrating the CPU with llama-server");

            calibration.cancel();
            while (calibration.runningProperty().get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(calibration.runningProperty().get()).isFalse();
            assertThat(calibration.progressProperty().get()).startsWith("Calibration cancelled");
            assertThat(calibration.lastRun()).isEmpty();
            assertThat(supervisor.running()).as("the runtime is stopped").isEmpty();
            assertThat(dir.resolve("settings").resolve(MachineCalibrationStore.FILE_NAME)).doesNotExist();
            assertThat(machine.get().calibrations()).isEmpty();
        } finally {
            background.shutdownNow();
        }
    }
}
