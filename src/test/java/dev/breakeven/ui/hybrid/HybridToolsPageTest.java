package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.OnFx;
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

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

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
        // the evaluation's results arrive on the FX thread, which then lays out the chart and the table's cells
        Label summary = OnFx.node(robot, "#hybrid-eval-summary", Label.class);
        OnFx.waitUntil(10, () -> summary.getText().contains("precision"));
        assertThat(OnFx.text(summary)).contains("recall").contains("$");
        LineChart<?, ?> chart = OnFx.node(robot, "#hybrid-eval-chart", LineChart.class);
        assertThat(OnFx.read(() -> chart.getData().size())).isEqualTo(3);
        assertThat(OnFx.read(() -> robot.lookup("#hybrid-eval-table").queryAs(TableView.class).getItems().size()))
                .isGreaterThan(10);
        assertThat(OnFx.text(robot, "#hybrid-eval-studies")).contains("RouteLLM");

        robot.interact(() -> {
            robot.lookup("#hybrid-ask-base").queryTextInputControl().setText(api.baseUrl());
            robot.lookup("#hybrid-ask-target").queryTextInputControl().setText("openai/gpt-4o-mini");
            robot.lookup("#hybrid-ask-prompt").queryTextInputControl().setText("Capital of France?");
        });
        // The card sits below the fold of the scroll pane; fire the button as a click would.
        robot.interact(() -> robot.lookup("#hybrid-ask-send").queryButton().fire());
        TextArea transcript = OnFx.node(robot, "#hybrid-ask-transcript", TextArea.class);
        OnFx.waitUntil(10, () -> transcript.getText().contains(FakeProvider.ANSWER));
        Label turn = OnFx.node(robot, "#hybrid-ask-turn", Label.class);
        OnFx.waitUntil(5, () -> turn.getText().startsWith("API"));
        assertThat(OnFx.text(turn)).contains("1200 in / 8 out tokens");

        Label verdict = OnFx.node(robot, "#guide-verdict", Label.class);
        robot.interact(() -> robot.lookup("#guide-offline").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        assertThat(OnFx.text(verdict)).isEqualTo("Local");
        assertThat(OnFx.text(robot, "#guide-reasons")).contains("Offline").contains("$");
        assertThat(OnFx.text(robot, "#prices-staleness")).contains("API prices");
        assertThat(OnFx.read(() -> robot.lookup("#prices-update").queryButton().isDisabled())).isFalse();
    }
}
