package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's engine and flash-attention controls, driven through the page. */
@ExtendWith(ApplicationExtension.class)
class FitServingControlsTest {
    private FitPage page;
    private Stage own;

    @Start
    void start(Stage primary) {
        page = new FitPage(Executors.newVirtualThreadPerTaskExecutor(), FitPageTest::machine);
        own = new Stage();
        own.setScene(new Scene(new ScrollPane(page.root()), 1024, 700));
        own.show();
        page.onShow();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> own.close());
    }

    private long selectedCompute() {
        return page.viewModel().selectedPlan().get().map(FitPlan::memory).orElseThrow().computeBytes();
    }

    @Test
    @SuppressWarnings("unchecked")
    void flashAttentionOffGrowsComputeAndTheBuiltinEngineDefaultsToOff(FxRobot robot) throws Exception {
        String id = "#" + FitPage.cellId("qwen3-8b", "Q4_K_M");
        OnFx.waitForNode(robot, 10, id, Label.class);
        robot.interact(() -> page.viewModel().contextLog2Property().set(15));
        // the new context redraws the matrix; the selection is by row and column, so either drawing of the cell does
        robot.clickOn(OnFx.node(robot, id, Label.class));
        Label title = OnFx.node(robot, "#fit-plan-title", Label.class);
        OnFx.waitUntil(10, () -> title.getText().contains("32768 tokens"));
        assertThat(OnFx.text(title)).contains("flash attention on");
        long on = OnFx.read(this::selectedCompute);

        ComboBox<FlashAttention> flash = OnFx.node(robot, "#fit-flash-attn", ComboBox.class);
        robot.interact(() -> flash.setValue(FlashAttention.OFF));
        OnFx.waitUntil(10, () -> title.getText().contains("flash attention off"));
        assertThat(OnFx.read(this::selectedCompute) - on).as("f32 scores of 32 heads over 32k cells")
                .isGreaterThan((19L << 30) / 10);

        robot.interact(() -> flash.setValue(FlashAttention.ON));
        OnFx.waitUntil(10, () -> title.getText().contains("flash attention on"));
        ComboBox<ServingEngine> engine = OnFx.node(robot, "#fit-engine", ComboBox.class);
        robot.interact(() -> engine.setValue(ServingEngine.BUILTIN));
        OnFx.waitUntil(10, () -> flash.getValue() == FlashAttention.OFF
                && title.getText().contains("flash attention off"));

        // a quantized cache needs flash attention: with it off the page plans f16 and says why
        robot.interact(() -> page.viewModel().kvTypeProperty().set(KvCacheType.Q8_0));
        Label words = OnFx.node(robot, "#fit-plan-words", Label.class);
        OnFx.waitUntil(10, () -> words.getText().contains("needs flash attention"));
        assertThat(OnFx.text(title)).contains("f16 KV");
    }
}
