package dev.breakeven.ui.compare;

import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareOverrides;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.OverridesApplier;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.ui.cost.CostsPage;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: Compare's "this machine" says whether a calibration corrected it, and the scenario it hands to the Costs
 * page carries that in the rig's name.
 */
@ExtendWith(ApplicationExtension.class)
class ThisMachineCalibrationLabelTest {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
    }

    static HardwareProfile calibratedMachine() {
        HardwareProfile detected = new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of("avx2")),
                new MemoryInfo(64L << 30, 60L << 30, 60.0, FigureSource.MEASURED), List.of(), List.of());
        MachineCalibration run = new MachineCalibration("this", "2026-12-07T16:00:00Z", "llama-server",
                "0.5B shape", 8, 30, 60.0, 90, 50.0, 60, 20, 6, 1.2, null);
        return new OverridesApplier(new CatalogGpuReferences(GpuCatalog.load()))
                .apply(detected, HardwareOverrides.none().withCalibration(run));
    }

    @Test
    void aScenarioFromComparesThisMachineOpensOnCostsNamingItsCalibration(FxRobot robot) throws Exception {
        ComparePage compare = WaitForAsyncUtils.asyncFx(() -> new ComparePage(Executors.newVirtualThreadPerTaskExecutor(),
                ThisMachineCalibrationLabelTest::calibratedMachine)).get();
        CompareViewModel vm = compare.viewModel();
        robot.interact(() -> vm.slots().get(0).choiceProperty().set(CompareViewModel.Choice.THIS_MACHINE));
        OnFx.waitUntil(30, () -> compare.root().lookup("#compare-verdict-0") instanceof Label l
                && l.getText().startsWith("this machine"));
        assertThat(OnFx.read(() -> ((Label) compare.root().lookup("#compare-verdict-0")).getText()))
                .startsWith("this machine (CPU only) · calibrated 2026-12-07");
        Path scenario = dir.resolve("compare.json");
        robot.interact(() -> {
            try {
                vm.save(scenario, "from compare");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });

        CostsPage costs = WaitForAsyncUtils.asyncFx(() -> new CostsPage(Executors.newVirtualThreadPerTaskExecutor(),
                dev.breakeven.core.cost.PriceCatalog.bundled(), LocalDate.of(2026, 12, 7))).get();
        var saved = dev.breakeven.core.cost.ScenarioIo.load(scenario);
        robot.interact(() -> costs.viewModel().load(saved));

        assertThat(costs.viewModel().rigLabelProperty().get())
                .isEqualTo("this machine (CPU only) · calibrated 2026-12-07");
        assertThat(Double.parseDouble(costs.viewModel().text(CostInput.TOK_PER_SEC).get())).isPositive();
    }
}
