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
                LocalDate.of(2026, 11, 25), dir.resolve("data"));
        ScrollPane scroller = new ScrollPane(page.root());
        scroller.setFitToWidth(true);
        BorderPane shell = new BorderPane(scroller);
        Theme.LIGHT.applyTo(shell);
        // 1024 wide less the 180 px sidebar.
        // The primary stage is shared by every UI test class; MainWindowTest leaves a 1024 px minimum on it.
        stage.setMinWidth(0);
        stage.setMinHeight(0);
        stage.setScene(new Scene(shell, 844, 700));
        stage.setWidth(844);
        stage.setHeight(700);
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
    void hoverTooltipsGiveExactValues(FxRobot robot) {
        robot.interact(() -> robot.lookup("#preset").queryComboBox().getSelectionModel().select("rule-of-thumb-2026"));
        var set = page.viewModel().chartsProperty().get();
        // month 12 of the cumulative chart: API 12 × 3M × 30.4375 × $2/M = $2,191.50
        assertThat(CumulativeChartPanel.hover(set.cumulative(), 12.2)).startsWith("Month 12").contains("API: $2,192");
        // the hybrid chart at 0%: pure local, the same figure as the local tile's central value
        assertThat(HybridChartPanel.hover(set.hybrid(), 1)).startsWith("0% of requests")
                .contains(Fmt.usd(set.bands().central().localMonthlyUsd()));
        assertThat(VolumeChartPanel.hover(set.volume(), Math.log10(set.volume().currentVolume())))
                .contains("Local:").contains("GPT-5 mini:").contains("costs the same as local at");
    }

    @Test
    void throughputCanComeFromThePlanner(FxRobot robot) {
        robot.interact(() -> {
            var form = page.form();
            form.gpu.getSelectionModel().select(form.gpu.getItems().stream()
                    .filter(g -> g.id().equals("rtx-3090")).findFirst().orElseThrow());
            form.predictThroughput();
        });
        // the card fills price and power from the GPU catalog, the planner fills tok/s
        assertThat(page.viewModel().text(CostInput.WATTS_LOAD).get()).isEqualTo("350");
        double tps = Double.parseDouble(page.viewModel().text(CostInput.TOK_PER_SEC).get());
        assertThat(tps).isBetween(15.0, 100.0);
        assertThat(robot.lookup("#planner-result").queryAs(Label.class).getText()).startsWith("Planner: ")
                .contains("Gemma 3 27B").contains("Q4_K_M").contains("uncalibrated");
    }

    @Test
    void usersAtOnceOnThePageReplanTheThroughputAsTheirTotal(FxRobot robot) {
        robot.interact(() -> {
            var form = page.form();
            form.gpu.getSelectionModel().select(form.gpu.getItems().stream()
                    .filter(g -> g.id().equals("rtx-3090")).findFirst().orElseThrow());
            form.predictThroughput();
        });
        double one = Double.parseDouble(page.viewModel().text(CostInput.TOK_PER_SEC).get());
        robot.interact(() -> robot.lookup("#planner-concurrency").queryComboBox().getSelectionModel().select(
                Integer.valueOf(4)));
        double four = Double.parseDouble(page.viewModel().text(CostInput.TOK_PER_SEC).get());
        assertThat(four).isGreaterThan(2 * one);
        assertThat(robot.lookup("#planner-result").queryAs(Label.class).getText())
                .contains("4 users at once").contains("Gemma 3 27B");
        assertThat(page.viewModel().servedProperty().get().concurrency()).isEqualTo(4);
    }

    @Test
    void measuredFiguresComeFromStoredChatAnswers(FxRobot robot) throws Exception {
        Label message = robot.lookup("#cost-message").queryAs(Label.class);
        robot.interact(page::useMeasured);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> message.getText().startsWith("No measured answers yet"));

        var store = dev.breakeven.core.chat.store.ConversationStore.under(dir.resolve("data"));
        var c = dev.breakeven.core.chat.store.Conversation.start("", dev.breakeven.core.chat.SamplingSettings.defaults(), 1);
        double[][] answers = {{30, 300}, {40, 320}, {50, 340}};
        long t = 10;
        for (double[] a : answers) {
            c = c.append(new dev.breakeven.core.chat.store.StoredMessage(dev.breakeven.core.chat.Role.ASSISTANT, "ok",
                    t++, false, new dev.breakeven.core.chat.store.AnswerMetrics("embedded", "gemma-3-27b", 10, 100,
                    50.0, 500.0, a[0], a[0], a[1], a[1] * 2, "nvidia-smi", true, "FINISHED")), t);
        }
        for (String incomplete : new String[] {"CUT", "ENGINE_DIED"}) { // their rates are not measurements: left out
            c = c.append(new dev.breakeven.core.chat.store.StoredMessage(dev.breakeven.core.chat.Role.ASSISTANT, "o",
                    t++, false, new dev.breakeven.core.chat.store.AnswerMetrics("runtime", "gemma-3-27b", 10, 20,
                    50.0, 500.0, 900.0, 900.0, 900.0, 1.0, "nvidia-smi", true, incomplete)), t);
        }
        store.save(c);
        robot.interact(page::useMeasured);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> message.getText().startsWith("Measured in Chat"));
        // medians of 30/40/50 tok/s and 300/320/340 W
        assertThat(page.viewModel().text(CostInput.TOK_PER_SEC).get()).isEqualTo("40");
        assertThat(page.viewModel().text(CostInput.WATTS_LOAD).get()).isEqualTo("320");
        assertThat(message.getText())
                .contains("median of 3 answers").contains("320 W measured");
    }

    @Test
    void typedPricesCanBeSavedToTheCatalog(FxRobot robot) throws Exception {
        var vm = page.viewModel();
        // An entry still past the 90 days on the page's date: editing it makes it current.
        String id = vm.catalogProperty().get().stale(LocalDate.of(2026, 11, 25)).getFirst().id();
        robot.interact(() -> {
            vm.apiModelProperty().set(vm.catalogProperty().get().find(id).orElseThrow());
            vm.text(CostInput.API_OUTPUT_PRICE).set("1.5");
        });
        int staleBefore = vm.catalogProperty().get().stale(LocalDate.of(2026, 11, 25)).size();
        robot.interact(page::updatePrices);
        var edited = vm.catalogProperty().get().find(id).orElseThrow();
        assertThat(edited.outputUsdPerMtok()).isEqualTo(1.5);
        assertThat(edited.checked()).isEqualTo("2026-11-25");
        assertThat(vm.catalogProperty().get().stale(LocalDate.of(2026, 11, 25))).hasSize(staleBefore - 1);
        assertThat(vm.stalenessProperty().get()).startsWith((staleBefore - 1) + " of ");
        // a range is not a catalog price
        robot.interact(() -> vm.text(CostInput.API_OUTPUT_PRICE).set("1–3"));
        assertThat(vm.updateCatalogPrices()).contains("one price per field");
        // the edit is kept for the next start, in the data folder
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> Files.exists(CostsPage.userCatalog(dir.resolve("data"))));
        assertThat(PriceCatalog.userOrBundled(CostsPage.userCatalog(dir.resolve("data")))
                .find(id).orElseThrow().outputUsdPerMtok()).isEqualTo(1.5);
    }

    @Test
    void theRuleOfThumbCheckOpensWithItsPreset(FxRobot robot) {
        var pane = robot.lookup("#rule-of-thumb").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(pane.isExpanded()).isTrue();
        assertThat(robot.lookup(".verdict-does-not-hold").queryAll()).hasSize(3);
        assertThat(robot.lookup(".verdict-holds").queryAll()).hasSize(1);
        robot.interact(() -> robot.lookup("#preset").queryComboBox().getSelectionModel().select("individual-offline"));
        assertThat(pane.isExpanded()).isFalse();
    }

    @Test
    void requestsTimesTokensFillTokensPerDay(FxRobot robot) {
        robot.interact(() -> {
            page.form().requests.setText("600–1000");
            page.form().inPerRequest.setText("2000");
            page.form().outPerRequest.setText("500");
            page.form().applyRequests();
        });
        // 600 × 2000 = 1.2M … 1000 × 2000 = 2M; 600 × 500 = 300k … 1000 × 500 = 500k
        assertThat(page.viewModel().text(CostInput.INPUT_TOKENS_PER_DAY).get()).isEqualTo("1200000–2000000");
        assertThat(page.viewModel().text(CostInput.OUTPUT_TOKENS_PER_DAY).get()).isEqualTo("300000–500000");
        robot.interact(() -> {
            page.form().outPerRequest.setText("-5");
            page.form().applyRequests();
        });
        assertThat(page.viewModel().text(CostInput.OUTPUT_TOKENS_PER_DAY).get()).isEqualTo("300000–500000");
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
            page.viewModel().rigLabelProperty().set("this machine (CPU only) · calibrated 2026-12-07");
            actions.saveScenario(scenario);
            page.viewModel().rigLabelProperty().set("");
            page.viewModel().text(CostInput.KWH_USD).set("0.10");
            actions.loadScenario(scenario);
        });
        // the page names the loaded rig, and so whether a calibration corrected this machine's figures
        assertThat(robot.lookup("#cost-message").queryAs(Label.class).getText())
                .contains("rig: this machine (CPU only) · calibrated 2026-12-07");
        robot.interact(() -> actions.saveReport(report));
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
        assertThat(image.getHeight()).isGreaterThan(700);
        String copy = System.getProperty("breakeven.snapshot");
        if (copy != null) {
            Files.copy(file, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void presentationModeEnlargesType(FxRobot robot) {
        Label title = robot.lookup(".page-title").queryAs(Label.class);
        robot.interact(() -> title.applyCss());
        double normal = title.getFont().getSize();
        robot.interact(() -> page.pageRoot().getStyleClass().add("presentation"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> title.applyCss());
        assertThat(title.getFont().getSize()).isEqualTo(34).isGreaterThan(normal);
    }
}
