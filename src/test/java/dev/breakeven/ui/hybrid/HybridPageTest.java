package dev.breakeven.ui.hybrid;

import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.ui.shell.Theme;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class HybridPageTest {
    @TempDir
    static Path settings;

    private HybridPage page;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(settings.resolve(RoutingRulesStore.FILE_NAME));
        page = new HybridPage(new HybridViewModel(RoutingRulesStore.inSettings(settings),
                Executors.newVirtualThreadPerTaskExecutor()));
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

    private static void replaceText(FxRobot robot, String id, String text) {
        var node = robot.lookup(id).queryAs(javafx.scene.control.TextInputControl.class);
        robot.interact(() -> {
            node.requestFocus();
            node.selectAll();
        });
        robot.type(javafx.scene.input.KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aKeywordSendsThePromptToTheApiAndRemovingItBringsItBackLocal(FxRobot robot) {
        Label decision = robot.lookup("#hybrid-decision").queryAs(Label.class);
        Label reasons = robot.lookup("#hybrid-reasons").queryAs(Label.class);

        replaceText(robot, "#hybrid-try-prompt", "Please refactor this module");
        assertThat(decision.getText()).isEqualTo("API");
        assertThat(decision.getStyleClass()).contains("hybrid-api");
        assertThat(reasons.getText()).contains("mentions \"refactor\"");

        replaceText(robot, "#hybrid-try-prompt", "Please tidy this module");
        assertThat(decision.getText()).isEqualTo("Local");
        assertThat(decision.getStyleClass()).contains("hybrid-local").doesNotContain("hybrid-api");
        assertThat(reasons.getText()).contains("within the 2,000-token local limit").contains("no hard phrase");
    }

    @Test
    void aLongPromptGoesToTheApiUntilTheLimitIsRaisedAndABadLimitIsFlaggedInline(FxRobot robot) {
        Label decision = robot.lookup("#hybrid-decision").queryAs(Label.class);
        replaceText(robot, "#hybrid-max-tokens", "10");
        robot.interact(() -> page.viewModel().tryPromptProperty().set("a".repeat(44)));
        assertThat(decision.getText()).isEqualTo("API");
        assertThat(robot.lookup("#hybrid-reasons").queryAs(Label.class).getText())
                .contains("11 tokens (estimated), over the 10-token local limit");

        replaceText(robot, "#hybrid-max-tokens", "ten");
        Label error = robot.lookup("#hybrid-max-tokens-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("Not a whole number");
        // routing stays on the last valid rules
        assertThat(page.viewModel().rulesProperty().get().maxLocalPromptTokens()).isEqualTo(10);
        assertThat(decision.getText()).isEqualTo("API");

        replaceText(robot, "#hybrid-max-tokens", "11");
        assertThat(error.isVisible()).isFalse();
        assertThat(decision.getText()).isEqualTo("Local");

        replaceText(robot, "#hybrid-max-tokens", "3000");
        assertThat(robot.lookup("#hybrid-max-tokens-slider").queryAs(javafx.scene.control.Slider.class).getValue())
                .isEqualTo(3000);
    }

    @Test
    void thePageFitsTheNarrowestWindowWidth(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        // 844 px of window less the scroll pane's own border and scroll bar
        assertThat(page.root().getLayoutBounds().getWidth()).isLessThanOrEqualTo(844).isGreaterThan(700);
        assertThat(robot.lookup("#hybrid-chart").queryAs(LineChart.class).getWidth()).isLessThanOrEqualTo(844);
    }

    @Test
    void aCorruptRulesFileShowsTheDefaultsAndSaysWhy(FxRobot robot) throws Exception {
        Files.writeString(settings.resolve(RoutingRulesStore.FILE_NAME), "{not json");
        HybridViewModel fresh = new HybridViewModel(RoutingRulesStore.inSettings(settings),
                Executors.newVirtualThreadPerTaskExecutor());
        assertThat(fresh.rulesProperty().get()).isEqualTo(RoutingRules.defaults());
        assertThat(fresh.rulesStatusProperty().get()).contains("could not be read").contains("defaults");
        assertThat(fresh.maxTokensTextProperty().get()).isEqualTo("2000");
        assertThat(fresh.phrases()).containsExactlyElementsOf(RoutingRules.DEFAULT_HARD_PHRASES);

        robot.interact(() -> {
            fresh.maxTokensTextProperty().set("500");
            fresh.resetToDefaults();
        });
        assertThat(fresh.rulesProperty().get()).isEqualTo(RoutingRules.defaults());
    }

    @Test
    void addedPhrasesRouteAndSaveToTheSettingsFile(FxRobot robot) {
        replaceText(robot, "#hybrid-new-phrase", "tax return");
        robot.clickOn("#hybrid-add-phrase");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<String> list = robot.lookup("#hybrid-phrases").queryAs(ListView.class);
        assertThat(list.getItems()).endsWith("tax return");
        assertThat(robot.lookup("#hybrid-new-phrase").queryAs(TextField.class).getText()).isEmpty();

        robot.interact(() -> page.viewModel().tryPromptProperty().set("help with my TAX  return"));
        assertThat(robot.lookup("#hybrid-decision").queryAs(Label.class).getText()).isEqualTo("API");

        robot.clickOn("#hybrid-save");
        WaitForAsyncUtils.waitForFxEvents();
        RoutingRules saved = RoutingRulesStore.inSettings(settings).load().rules();
        assertThat(saved.hardPhrases()).contains("tax return", "refactor");
        assertThat(robot.lookup("#hybrid-rules-status").queryAs(Label.class).getText()).startsWith("Saved to");
    }

    @Test
    void aSampleGivesTheShareToTheApiTheMixCostAndAChartPoint(FxRobot robot) throws Exception {
        robot.interact(() -> page.viewModel().sampleTextProperty().set(
                "prove this lemma\nwhat time is it\nsummarise this email\nhello"));
        // the sample is routed in the background; its outcome, text and chart, arrive on the FX thread
        Label share = OnFx.node(robot, "#hybrid-share", Label.class);
        OnFx.waitUntil(10, () -> share.getText().startsWith("To the API: 1 of 4 requests"));
        assertThat(OnFx.text(share)).contains("(25%)");
        assertThat(OnFx.text(robot, "#hybrid-cost"))
                .startsWith("Per month at this workload: all local $").contains("cheapest:");
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = OnFx.node(robot, "#hybrid-chart", LineChart.class);
        assertThat(OnFx.read(() -> chart.getData().size())).isEqualTo(2);
        assertThat(OnFx.read(() -> chart.getData().get(0).getData().size())).isEqualTo(21);
        double x = OnFx.read(() -> chart.getData().get(1).getData().getFirst().getXValue().doubleValue());
        assertThat(x).isCloseTo(OnFx.read(() -> page.viewModel().outcomeProperty().get().result().apiTokenShare()) * 100,
                org.assertj.core.api.Assertions.within(1e-9));

        robot.interact(() -> page.viewModel().sampleTextProperty().set("ok\n{\"prompt\": 5}"));
        Label error = OnFx.node(robot, "#hybrid-sample-error", Label.class);
        OnFx.waitUntil(10, () -> error.getText().equals("line 2: needs a \"prompt\" string"));
        assertThat(OnFx.text(share)).isEmpty();
    }

    @Test
    void loadingAFileFillsTheSampleBox(FxRobot robot) throws Exception {
        Path file = settings.resolve("prompts.txt");
        Files.writeString(file, "refactor the parser\nhi\n");
        robot.interact(() -> page.viewModel().loadSample(file));
        TextArea sample = OnFx.node(robot, "#hybrid-sample", TextArea.class);
        OnFx.waitUntil(10, () -> sample.getText().contains("refactor the parser"));
        Label share = OnFx.node(robot, "#hybrid-share", Label.class);
        OnFx.waitUntil(10, () -> share.getText().startsWith("To the API: 1 of 2 requests"));
        assertThat(List.of(OnFx.text(sample).split("\n"))).hasSize(2);
    }
}
