package dev.breakeven.ui.compare;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.ScatterChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class ComparePageTest {
    private ComparePage page;

    static HardwareProfile machine() {
        return new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of("avx2")),
                new MemoryInfo(64L << 30, 60L << 30, 80.0, FigureSource.USER), List.of(), List.of());
    }

    @Start
    void start(Stage stage) {
        page = new ComparePage(Executors.newVirtualThreadPerTaskExecutor(), ComparePageTest::machine);
        // 1024 wide less the 180 px sidebar
        ScrollPane scroller = new ScrollPane(page.root());
        scroller.setFitToWidth(true);
        Scene scene = new Scene(scroller, 844, 700);
        scene.getStylesheets().add(getClass().getResource("/dev/breakeven/ui/theme.css").toExternalForm());
        stage.setScene(scene);
        // the stage is shared between test classes; MainWindowTest leaves a 1024 px minimum on it
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        stage.setWidth(844);
        stage.setHeight(700);
        stage.show();
        page.onShow();
    }

    @SuppressWarnings("unchecked")
    private void pick(FxRobot robot, int slot, String gpuId) throws Exception {
        ComboBox<CompareViewModel.Choice> box = OnFx.node(robot, "#compare-choice-" + slot, ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(page.viewModel().choice(gpuId)));
    }

    /** Read on the FX thread: the page rebuilds its labels there when a result arrives. */
    private String verdict(FxRobot robot, int i) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#compare-verdict-" + i).tryQuery()
                .map(n -> ((Label) n).getText()).orElse("")).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pickingTwoCardsShowsAVerdictForEach(FxRobot robot) throws Exception {
        ComboBox<Object> modelBox = OnFx.node(robot, "#compare-model", ComboBox.class);
        robot.interact(() -> modelBox.getSelectionModel().select(page.viewModel().models().stream()
                .filter(m -> m.id().equals("llama-3.3-70b")).findFirst().orElseThrow()));
        pick(robot, 0, "rtx-4060-ti-16gb");
        pick(robot, 1, "rtx-pro-6000-blackwell");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict(robot, 0).startsWith("GeForce RTX 4060 Ti 16GB")
                && verdict(robot, 1).startsWith("RTX PRO 6000 Blackwell"));
        assertThat(verdict(robot, 0)).contains("does not fit on the GPU: needs").contains("has 16 GB");
        assertThat(verdict(robot, 1)).contains("runs Llama 3.3 70B Instruct Q4_K_M fully at ~")
                .contains("Claude Haiku 4.5");
        // the bigger card leads the decode row, the cheaper one the price row
        int decodeRow = rowOf("Decode");
        int priceRow = rowOf("Price");
        assertThat(styles(robot, "#compare-cell-" + decodeRow + "-1")).contains("compare-best");
        assertThat(styles(robot, "#compare-cell-" + priceRow + "-0")).contains("compare-best");
        assertThat(styles(robot, "#compare-cell-" + priceRow + "-1")).doesNotContain("compare-best");
        ScatterChart<?, ?> scatter = OnFx.node(robot, "#compare-value-chart", ScatterChart.class);
        assertThat(OnFx.read(() -> scatter.getData().get(0).getData().size())).isGreaterThan(10);
        assertThat(OnFx.read(() -> scatter.getData().get(1).getData().size())).isEqualTo(2);
        LineChart<?, ?> cumulative = OnFx.node(robot, "#compare-cumulative-chart", LineChart.class);
        assertThat(OnFx.read(() -> cumulative.getData().size())).isEqualTo(3);
    }

    /** A comparison cell's style classes, read on the FX thread that rebuilds the cells with each result. */
    private static List<String> styles(FxRobot robot, String query) throws Exception {
        return OnFx.read(() -> List.copyOf(robot.lookup(query).queryAs(Label.class).getStyleClass()));
    }

    private static int rowOf(String label) {
        for (int i = 0; i < dev.breakeven.core.compare.ComparisonRows.ROWS.size(); i++) {
            if (dev.breakeven.core.compare.ComparisonRows.ROWS.get(i).label().equals(label)) {
                return i;
            }
        }
        throw new AssertionError(label);
    }

    @Test
    void aTypoInThePriceIsSaidNotThrown(FxRobot robot) throws Exception {
        TextField price = OnFx.node(robot, "#compare-price-0", TextField.class);
        robot.interact(() -> price.setText("abc"));
        Label problem = OnFx.node(robot, "#compare-problem", Label.class);
        OnFx.waitUntil(5, () -> problem.getText().contains("Price of option 1"));
        assertThat(OnFx.read(problem::isVisible)).isTrue();
        robot.interact(() -> price.setText("650"));
        OnFx.waitUntil(20, () -> problem.getText().isEmpty() && verdict(robot, 0).startsWith("GeForce RTX 3090"));
        assertThat(OnFx.text(robot, "#compare-cell-" + rowOf("Price") + "-0")).isEqualTo("$650");
    }

    @Test
    void thisMachineAndTwoCardsSaveAndReopen(FxRobot robot, @TempDir Path dir) throws Exception {
        CompareViewModel vm = page.viewModel();
        robot.interact(() -> {
            vm.slots().get(0).choiceProperty().set(CompareViewModel.Choice.THIS_MACHINE);
            vm.slots().get(1).choiceProperty().set(vm.choice("rtx-3090"));
            vm.slots().get(1).countProperty().set(2);
            vm.slots().get(1).priceProperty().set("1500");
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict(robot, 0).startsWith("this machine")
                && verdict(robot, 1).startsWith("2× GeForce RTX 3090"));
        assertThat(verdict(robot, 0)).contains("on the CPU only");
        Path file = dir.resolve("cmp.json");
        var opened = new java.util.concurrent.CompletableFuture<String>();
        robot.interact(() -> {
            try {
                vm.save(file, "test");
                vm.slots().get(1).choiceProperty().set(vm.choice("rtx-4090"));
                vm.open(file, opened::complete); // reading and restoring run off the FX thread
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(opened.get(20, TimeUnit.SECONDS)).isEqualTo("Opened cmp.json");
        WaitForAsyncUtils.waitForFxEvents();
        var saved = dev.breakeven.core.cost.ScenarioIo.load(file);
        assertThat(saved.rig().label()).isEqualTo("this machine (CPU only) · uncalibrated");
        assertThat(saved.comparison().options()).hasSize(2);
        assertThat(vm.slots().get(1).choiceProperty().get().card().id()).isEqualTo("rtx-3090");
        assertThat(vm.slots().get(1).countProperty().get()).isEqualTo(2);
        assertThat(vm.slots().get(1).priceProperty().get()).isEqualTo("1500");
        assertThat(vm.slots().get(0).choiceProperty().get()).isEqualTo(CompareViewModel.Choice.THIS_MACHINE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict(robot, 1).startsWith("2× GeForce RTX 3090"));
        String html = WaitForAsyncUtils.asyncFx(() -> vm.reportHtml("cmp")).get();
        assertThat(html).contains("<h2>GPU comparison</h2>").contains("2× GeForce RTX 3090").contains("on the CPU only");
    }

    @Test
    void thePageRendersWithinTheContentWidth(FxRobot robot, @TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !verdict(robot, 1).isEmpty());
        Path file = dir.resolve("page.png");
        javafx.scene.image.WritableImage shot = WaitForAsyncUtils.asyncFx(() -> page.root().snapshot(null, null)).get();
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        String copy = System.getProperty("breakeven.snapshot");
        if (copy != null) {
            java.nio.file.Files.copy(file, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(w).isLessThanOrEqualTo(844);
    }
}
