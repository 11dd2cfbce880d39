package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.ui.shell.Theme;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class CostsPageTest {
    @TempDir
    Path dir;

    private CostsPage page;

    @Start
    void start(Stage stage) {
        page = new CostsPage(Executors.newVirtualThreadPerTaskExecutor(), PriceCatalog.bundled(),
                LocalDate.of(2026, 11, 25));
        ScrollPane scroller = new ScrollPane(page.root());
        scroller.setFitToWidth(true);
        BorderPane shell = new BorderPane(scroller);
        Theme.LIGHT.applyTo(shell);
        // 1024 wide less the 180 px sidebar.
        stage.setScene(new Scene(shell, 844, 700));
        // The primary stage is shared across test classes; an earlier class may have set its width explicitly.
        stage.sizeToScene();
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> cumulative(FxRobot robot) {
        return (LineChart<Number, Number>) robot.lookup("#chart-cumulative").query();
    }

    @Test
    void changingTheHardwarePriceUpdatesPaybackAndTheCumulativeChart(FxRobot robot) {
        Label payback = robot.lookup("#payback-figure").queryAs(Label.class);
        String before = payback.getText();
        assertThat(before).startsWith("Payback: ");
        // the rule-of-thumb preset: local starts at the $1,350 midpoint of $1,000–1,700
        assertThat(cumulative(robot).getData().get(1).getData().getFirst().getYValue().doubleValue()).isEqualTo(1350);

        TextField field = robot.lookup("#input-hardware-usd").queryAs(TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write("3000");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#input-hardware-usd").queryAs(TextField.class).getText()).isEqualTo("3000");
        assertThat(cumulative(robot).getData().get(1).getData().getFirst().getYValue().doubleValue()).isEqualTo(3000);
        assertThat(payback.getText()).isNotEqualTo(before).startsWith("Payback: ");
    }

    @Test
    void aBadValueIsFlaggedInlineAndTheChartsKeepTheLastValidInputs(FxRobot robot) {
        var charts = page.viewModel().chartsProperty().get();
        robot.interact(() -> page.viewModel().text(CostInput.WATTS_LOAD).set("-5"));
        Label error = robot.lookup("#error-watts-load").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("must not be negative");
        assertThat(robot.lookup("#input-watts-load").queryAs(TextField.class).getStyleClass()).contains("invalid");
        assertThat(page.viewModel().chartsProperty().get()).isSameAs(charts);

        robot.interact(() -> page.viewModel().text(CostInput.WATTS_LOAD).set("abc"));
        assertThat(error.getText()).contains("not a number");
        robot.interact(() -> page.viewModel().text(CostInput.WATTS_LOAD).set("400"));
        assertThat(error.isVisible()).isFalse();
        assertThat(page.viewModel().chartsProperty().get()).isNotSameAs(charts);
    }

    @Test
    void oldPricesShowAWarning(FxRobot robot) {
        Label stale = robot.lookup("#price-staleness").queryAs(Label.class);
        assertThat(stale.isVisible()).isTrue();
        assertThat(stale.getText()).contains("more than 90 days ago");
    }

    @Test
    void presetsFillTheForm(FxRobot robot) {
        robot.interact(() -> robot.lookup("#preset").queryComboBox().getSelectionModel().select("consultancy-team-20"));
        assertThat(page.viewModel().text(CostInput.WORKING_DAYS).get()).isEqualTo("21");
        assertThat(page.viewModel().apiModelProperty().get().id()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(page.viewModel().compareModels()).hasSize(4);
    }

    @Test
    void chartsExportAsPngThatImageIoReads(FxRobot robot) throws Exception {
        Path file = dir.resolve("volume.png");
        robot.interact(() -> ChartExport.save(page.panels().getFirst().chart(), file));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(200);
    }

    @Test
    void scenarioSavesLoadsAndTheReportEmbedsTheCharts(FxRobot robot) throws Exception {
        CostsActions actions = new CostsActions(page.viewModel(), page, Executors.newVirtualThreadPerTaskExecutor());
        Path scenario = dir.resolve("s.json");
        Path report = dir.resolve("r.html");
        robot.interact(() -> {
            page.viewModel().text(CostInput.KWH_USD).set("0.30");
            actions.saveScenario(scenario);
            page.viewModel().text(CostInput.KWH_USD).set("0.10");
            actions.loadScenario(scenario);
            actions.saveReport(report);
        });
        assertThat(page.viewModel().text(CostInput.KWH_USD).get()).isEqualTo("0.3");
        String html = Files.readString(report);
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(5);
        assertThat(html).contains("Rule of thumb, checked").contains("more than 90 days ago");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 7}");
        robot.interact(() -> actions.loadScenario(broken));
        Label message = robot.lookup("#cost-message").queryAs(Label.class);
        assertThat(message.getText()).contains("newer Breakeven");
        assertThat(message.getStyleClass()).contains("error-text");
    }

    @Test
    void thePageRendersAtTheNarrowestWindowWidth(FxRobot robot) throws Exception {
        Path file = dir.resolve("page.png");
        robot.interact(() -> ChartExport.save(page.root(), file));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isLessThanOrEqualTo(844);
        String copy = System.getProperty("breakeven.snapshot");
        if (copy != null) {
            Files.copy(file, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void presentationModeEnlargesType(FxRobot robot) {
        robot.interact(() -> page.pageRoot().getStyleClass().add("presentation"));
        assertThat(page.pageRoot().getStyleClass()).contains("presentation");
        Label title = robot.lookup(".page-title").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> title.applyCss());
        assertThat(title.getFont().getSize()).isEqualTo(34);
    }
}
