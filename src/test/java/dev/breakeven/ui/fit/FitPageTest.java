package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.testing.OnFx;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class FitPageTest {
    private static final long GIB = 1L << 30;
    private FitPage page;

    /** A machine without GPU: 64 GiB RAM at 80 GB/s, 8 cores. */
    static HardwareProfile machine() {
        return new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of("avx2")),
                new MemoryInfo(64 * GIB, 60 * GIB, 80.0, FigureSource.USER), List.of(), List.of());
    }

    private Stage own;

    /** The page gets its own window so the shared primary stage keeps its size for other test classes. */
    @Start
    void start(Stage primary) {
        page = new FitPage(Executors.newVirtualThreadPerTaskExecutor(), FitPageTest::machine);
        Scene scene = new Scene(new ScrollPane(page.root()), 1024, 700);
        scene.getStylesheets().add(getClass().getResource("/dev/breakeven/ui/theme.css").toExternalForm());
        own = new Stage();
        own.setScene(scene);
        own.show();
        page.onShow();
    }

    @org.junit.jupiter.api.AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> own.close());
    }

    /** The matrix cell, once drawn; looked up on the FX thread, which replaces the cells each time it re-plans. */
    private Label cell(FxRobot robot, String id) throws Exception {
        return OnFx.waitForNode(robot, 10, "#" + id, Label.class);
    }

    @Test
    void thisMachineWithoutGpuShowsCpuCells(FxRobot robot) throws Exception {
        Label c = cell(robot, FitPage.cellId("llama-3.1-8b", "Q4_K_M"));
        assertThat(c.getUserData()).isEqualTo(Verdict.CPU);
        assertThat(c.getStyleClass()).contains("fit-cpu");
        assertThat(c.getText()).endsWith("t/s");
    }

    @Test
    void movingTheContextSliderChangesACellLive(FxRobot robot) throws Exception {
        cell(robot, FitPage.cellId("llama-3.1-8b", "F16"));
        var choice = page.viewModel().hardwareChoices().stream()
                .filter(h -> h.label().equals("What if: GeForce RTX 4090")).findFirst().orElseThrow();
        robot.interact(() -> page.viewModel().hardwareProperty().set(choice));
        OnFx.waitUntil(10, () -> robot.lookup("#" + FitPage.cellId("llama-3.1-8b", "F16")).tryQuery()
                .map(Node::getUserData).orElse(null) == Verdict.FULL);
        Slider slider = OnFx.node(robot, "#fit-context", Slider.class);
        robot.interact(() -> slider.setValue(slider.getMax()));
        OnFx.waitUntil(10, () -> robot.lookup("#" + FitPage.cellId("llama-3.1-8b", "F16")).tryQuery()
                .map(Node::getUserData).orElse(null) == Verdict.PARTIAL);
        Label after = cell(robot, FitPage.cellId("llama-3.1-8b", "F16"));
        assertThat(OnFx.text(robot, "#fit-largest")).startsWith("Largest model fully on the GPU");
        robot.clickOn(after);
        OnFx.waitUntil(5, () -> OnFx.text(robot, "#fit-advice").contains("F16 stays partial"));
        assertThat(OnFx.read(() -> List.copyOf(after.getStyleClass()))).contains("fit-partial").doesNotContain("fit-full");
        assertThat(OnFx.text(robot, "#fit-context-label")).contains("131072");
    }

    @Test
    void anOpenedGgufFileIsPlannedFromItsHeader(FxRobot robot, @TempDir java.nio.file.Path dir) throws Exception {
        cell(robot, FitPage.cellId("qwen3-8b", "Q4_K_M"));
        java.nio.file.Path file = dir.resolve("qwen.gguf");
        dev.breakeven.testing.GgufModelFactory.writeSparse(dev.breakeven.testing.GgufModelFactory.qwen25_05b(),
                dev.breakeven.core.gguf.GgmlType.Q8_0, file);
        robot.interact(() -> page.viewModel().openFile(file));
        OnFx.waitUntil(10, () -> OnFx.text(robot, "#fit-file-cell").endsWith("t/s"));
        Label fileCell = OnFx.node(robot, "#fit-file-cell", Label.class);
        assertThat(OnFx.text(fileCell)).startsWith("Qwen2.5-0.5B").endsWith("t/s");
        assertThat(OnFx.read(fileCell::getUserData)).isEqualTo(Verdict.CPU);
        OnFx.waitUntil(5, () -> OnFx.text(robot, "#fit-plan-words").contains("Runs on the CPU only"));
        robot.interact(() -> page.viewModel().openFile(file.resolveSibling("missing.gguf")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> page.viewModel().statusProperty().get().contains("no GGUF file"));
    }

    @Test
    void selectingACellShowsThePlanInWordsAndTheMemoryBars(FxRobot robot) throws Exception {
        robot.clickOn(cell(robot, FitPage.cellId("qwen3-8b", "Q4_K_M")));
        OnFx.waitUntil(5, () -> !OnFx.text(robot, "#fit-plan-words").isEmpty());
        String words = OnFx.text(robot, "#fit-plan-words");
        assertThat(words).contains("Runs on the CPU only").contains("tok/s");
        assertThat(OnFx.read(() -> robot.lookup(".fit-selected").queryAll().size())).isEqualTo(1);
        assertThat(OnFx.read(() -> robot.lookup("#fit-host-bar").queryAll().size())).isEqualTo(1);
        assertThat(OnFx.read(() -> robot.lookup(".mem-weights").queryAll().size())).isPositive();
    }
}
