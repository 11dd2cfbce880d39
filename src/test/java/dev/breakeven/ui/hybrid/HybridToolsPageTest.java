package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.testing.FakeProvider;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hybrid page's measured router and "Ask" sections, driven through the page. */
@ExtendWith(ApplicationExtension.class)
class HybridToolsPageTest {
    @TempDir
    static Path home;
    static FakeProvider api;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeProvider();
        ApiKeys keys = new ApiKeys(Map.<String, String>of()::get, home.resolve("settings"));
        keys.save(ApiProvider.OPENAI, "sk-page-test");
        var background = Executors.newVirtualThreadPerTaskExecutor();
        HybridPage page = new HybridPage(new HybridViewModel(RoutingRulesStore.inSettings(home.resolve("settings")),
                background), new HybridTools(keys, home.resolve("data/api-prices.json"), home.resolve("settings"), background));
        stage.setScene(new Scene(new ScrollPane(page.root()), 900, 700));
        stage.show();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void thePageShowsPrecisionRecallTheCurveAndAnswersThroughTheApi(FxRobot robot) throws Exception {
        Label summary = robot.lookup("#hybrid-eval-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> summary.getText().contains("precision"));
        assertThat(summary.getText()).contains("recall").contains("$");
        LineChart<?, ?> chart = robot.lookup("#hybrid-eval-chart").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(3);
        assertThat(robot.lookup("#hybrid-eval-table").queryAs(TableView.class).getItems()).hasSizeGreaterThan(10);
        assertThat(robot.lookup("#hybrid-eval-studies").queryAs(Label.class).getText()).contains("RouteLLM");

        robot.interact(() -> {
            robot.lookup("#hybrid-ask-base").queryTextInputControl().setText(api.baseUrl());
            robot.lookup("#hybrid-ask-target").queryTextInputControl().setText("openai/gpt-4o-mini");
            robot.lookup("#hybrid-ask-prompt").queryTextInputControl().setText("Capital of France?");
        });
        // The card sits below the fold of the scroll pane; fire the button as a click would.
        robot.interact(() -> robot.lookup("#hybrid-ask-send").queryButton().fire());
        TextArea transcript = robot.lookup("#hybrid-ask-transcript").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> transcript.getText().contains(FakeProvider.ANSWER));
        Label turn = robot.lookup("#hybrid-ask-turn").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> turn.getText().startsWith("API"));
        assertThat(turn.getText()).contains("1200 in / 8 out tokens");

        Label verdict = robot.lookup("#guide-verdict").queryAs(Label.class);
        robot.interact(() -> robot.lookup("#guide-offline").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        assertThat(verdict.getText()).isEqualTo("Local");
        assertThat(robot.lookup("#guide-reasons").queryAs(Label.class).getText()).contains("Offline").contains("$");
        assertThat(robot.lookup("#prices-staleness").queryAs(Label.class).getText()).contains("API prices");
        assertThat(robot.lookup("#prices-update").queryButton().isDisabled()).isFalse();
    }
}
