package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.store.AnswerMetrics;
import dev.breakeven.core.chat.store.StoredMessage;
import eu.hansolo.tilesfx.Tile;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer whose engine died is kept and marked; the tok/s sparkline follows rates above 100. */
@ExtendWith(ApplicationExtension.class)
class MessageAndMetricsViewTest {
    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 300, 200));
    }

    @Test
    void anAnswerWhoseEngineDiedIsMarkedWithTheEnginesReason() throws Exception {
        AnswerMetrics died = AnswerMetrics.of("llama-server", "tiny",
                new MetricsSnapshot(20, 12, 50.0, 400.0, 30.0, null, null, 900, true), null, null, null, false,
                "ENGINE_DIED", "the engine stopped: GGML_ASSERT(n_tokens > 0) failed (aborted, exit code 134)");
        MessageView view = WaitForAsyncUtils.asyncFx(() -> new MessageView(
                new StoredMessage(Role.ASSISTANT, "Once upon a", 1, false, died))).get();
        Label mark = (Label) view.lookup("#chat-answer-incomplete");
        assertThat(mark.getText()).isEqualTo("⚠ Incomplete: the engine stopped: GGML_ASSERT(n_tokens > 0) failed "
                + "(aborted, exit code 134)");
        AnswerMetrics finished = AnswerMetrics.of("llama-server", "tiny",
                new MetricsSnapshot(20, 12, 50.0, 400.0, 30.0, null, null, 900, true), null, null, null, false,
                "FINISHED");
        MessageView normal = WaitForAsyncUtils.asyncFx(() -> new MessageView(
                new StoredMessage(Role.ASSISTANT, "The end.", 1, false, finished))).get();
        assertThat(normal.lookup("#chat-answer-incomplete")).isNull();
    }

    @Test
    void anAnswersEnergyShowsWhatItAddedAboveIdleWhereAnIdleDrawIsKnown() throws Exception {
        MetricsSnapshot m = new MetricsSnapshot(20, 12, 50.0, 400.0, 30.0, null, null, 900, true);
        AnswerMetrics withIdle = AnswerMetrics.of("llama-server", "tiny", m, 25.0, 100.0, "NVML", true, "FINISHED")
                .withJoulesAboveIdle(60.0);
        AnswerMetrics without = AnswerMetrics.of("llama-server", "tiny", m, 25.0, 100.0, "NVML", true, "FINISHED");
        MessageView shown = WaitForAsyncUtils.asyncFx(() -> new MessageView(
                new StoredMessage(Role.ASSISTANT, "The end.", 1, false, withIdle))).get();
        MessageView older = WaitForAsyncUtils.asyncFx(() -> new MessageView(
                new StoredMessage(Role.ASSISTANT, "The end.", 1, false, without))).get();
        assertThat(figures(shown)).contains("100.0 J (60.0 J above idle) measured (NVML)");
        assertThat(figures(older)).contains("100.0 J measured (NVML)").doesNotContain("above idle");
    }

    private static String figures(MessageView view) {
        return view.lookupAll(".muted").stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText())
                .filter(t -> t.contains(" J ")).findFirst().orElse("");
    }

    @Test
    void theSparklineIsNotClampedAtOneHundred() throws Exception {
        LiveMetrics metrics = new LiveMetrics();
        MetricsPanel panel = WaitForAsyncUtils.asyncFx(() -> new MetricsPanel(metrics)).get();
        Tile spark = (Tile) panel.lookup("#spark-rate");
        assertThat(spark.getMaxValue()).isEqualTo(100);
        WaitForAsyncUtils.asyncFx(() -> metrics.update(new MetricsSnapshot(10, 300, 5.0, 2000.0, 480.0, null, null,
                700, false), dev.breakeven.core.chat.AnswerPower.none())).get();
        assertThat(spark.getMaxValue()).isGreaterThanOrEqualTo(480 * 1.2);
        assertThat(spark.getValue()).isEqualTo(480.0);
    }
}
