package dev.breakeven.ui.hardware;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.PageRegistry;
import dev.breakeven.core.hardware.GpuReference;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import dev.breakeven.testing.OnFx;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class HardwarePageTest {
    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(PageRegistry.create(AppServices.forTest(home)), dev.breakeven.core.io.AppDirs.under(home));
        window.show(stage);
        stage.setWidth(MainWindow.MIN_WIDTH);
        stage.setHeight(MainWindow.MIN_HEIGHT);
    }

    private HardwarePage page() {
        return (HardwarePage) window.page(PageId.HARDWARE);
    }

    private void awaitDetection() throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> page().model().currentProfile() != null && !page().model().detectingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Walks the whole window on the FX thread: the other pages keep loading there while this one is read. */
    private boolean onScreen(FxRobot robot, String text) throws Exception {
        return OnFx.read(() -> robot.lookup(n -> n.isVisible() && n.getScene() != null && textOf(n).contains(text))
                .tryQuery().isPresent());
    }

    private static String textOf(Node node) {
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            return labeled.getText();
        }
        if (node instanceof Text text && text.getText() != null) {
            return text.getText();
        }
        return "";
    }

    @Test
    void measuresTheRamBandwidthAndShowsItAsMeasured(FxRobot robot) throws Exception {
        awaitDetection();
        page().model().setMeasureBudget(java.time.Duration.ofMillis(800));
        robot.interact(() -> page().model().overridesProperty().set(page().model().overridesProperty().get().withMemoryBandwidth(null)));
        robot.interact(() -> robot.lookup("#ram-bandwidth-measure").queryButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !page().model().measuringProperty().get()
                && page().model().measureStatusProperty().get().startsWith("Measured"));
        WaitForAsyncUtils.waitForFxEvents();

        var memory = page().model().currentProfile().memory();
        assertThat(memory.bandwidthSource()).isEqualTo(dev.breakeven.core.hardware.FigureSource.MEASURED);
        assertThat(memory.bandwidthGBps()).isPositive();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(onScreen(robot, "measured " + today)).as("the RAM bandwidth tile says measured and when").isTrue();
        assertThat(onScreen(robot, String.format(Locale.ROOT, "%.1f GB/s", memory.bandwidthGBps()))).isTrue();
        assertThat(home.resolve("settings").resolve(dev.breakeven.core.hardware.MeasuredBandwidthStore.FILE_NAME)).exists();
    }

    @Test
    void showsTheDetectedCpuAndRam(FxRobot robot) throws Exception {
        awaitDetection();
        String cpu = page().model().currentProfile().cpu().model();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            // Checked against the OS itself, not only against what the page was given.
            assertThat(Files.readString(cpuinfo)).contains(cpu);
        }
        assertThat(onScreen(robot, cpu)).as("CPU model %s on screen", cpu).isTrue();
        String ram = ramTotalFromOs();
        assertThat(onScreen(robot, ram)).as("RAM %s on screen", ram).isTrue();
        assertThat(OnFx.read(() -> List.copyOf(robot.lookup("#hardware-details").queryTableView().getItems()))).isNotEmpty();
        assertThat(onScreen(robot, "CPU cores / threads")).as("details table rendered").isTrue();
        if (page().model().currentProfile().noDetectedGpu()) {
            assertThat(onScreen(robot, "No GPU detected")).isTrue();
        }
    }

    @Test
    void badBandwidthIsRejectedInlineAndAGoodOneIsSavedAndShown(FxRobot robot) throws Exception {
        awaitDetection();
        // The editor is below the fold at 1024×700: focus it and type, as keyboard users do.
        robot.interact(() -> robot.lookup("#ram-bandwidth-field").queryAs(TextField.class).requestFocus());
        robot.write("fast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.text(robot, "#ram-bandwidth-error")).contains("not a number");
        robot.interact(() -> robot.lookup("#ram-bandwidth-field").queryAs(TextField.class).setText("83.2"));
        robot.interact(() -> robot.lookup("#ram-bandwidth-apply").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.text(robot, "#ram-bandwidth-error")).isEmpty();
        assertThat(page().model().currentProfile().memory().bandwidthGBps()).isEqualTo(83.2);
        assertThat(onScreen(robot, "83.2 GB/s")).isTrue();
        Path saved = home.resolve("settings").resolve(OverridesStore.FILE_NAME);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(saved) && read(saved).contains("83.2"));
    }

    @Test
    void aWhatIfCardFromTheCatalogJoinsTheProfile(FxRobot robot) throws Exception {
        awaitDetection();
        @SuppressWarnings("unchecked")
        ComboBox<GpuReference> cards = OnFx.node(robot, "#what-if-choice", ComboBox.class);
        GpuReference rtx5090 = OnFx.read(() -> cards.getItems().stream().filter(c -> c.id().equals("rtx-5090"))
                .findFirst().orElseThrow());
        robot.interact(() -> cards.setValue(rtx5090));
        robot.interact(() -> robot.lookup("#what-if-add").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(page().model().currentProfile().gpus()).anySatisfy(g -> assertThat(g.name()).isEqualTo("GeForce RTX 5090"));
        assertThat(onScreen(robot, "GeForce RTX 5090 — 32.0 GiB")).isTrue();
        assertThat(OnFx.read(() -> List.copyOf(robot.lookup("#hardware-details").queryTableView().getItems())))
                .anySatisfy(row -> assertThat(((FigureRow) row).figure()).isEqualTo("What-if · GeForce RTX 5090"));
        robot.interact(() -> robot.lookup("#hardware-reset").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(page().model().currentProfile().gpus()).noneSatisfy(g -> assertThat(g.name()).isEqualTo("GeForce RTX 5090"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** MemTotal from /proc/meminfo, formatted as the page does; OSHI's figure elsewhere. */
    private String ramTotalFromOs() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        long bytes = page().model().currentProfile().memory().totalBytes();
        if (Files.isReadable(meminfo)) {
            String line = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal:")).findFirst().orElseThrow();
            bytes = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
