package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ServingEngine;
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
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
        robot.interact(() -> page.viewModel().contextLog2Property().set(15));
        robot.clickOn(robot.lookup(id).queryAs(Label.class));
        Label title = robot.lookup("#fit-plan-title").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().contains("32768 tokens"));
        assertThat(title.getText()).contains("flash attention on");
        long on = selectedCompute();

        ComboBox<FlashAttention> flash = robot.lookup("#fit-flash-attn").queryAs(ComboBox.class);
        robot.interact(() -> flash.setValue(FlashAttention.OFF));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().contains("flash attention off"));
        assertThat(selectedCompute() - on).as("f32 scores of 32 heads over 32k cells").isGreaterThan((19L << 30) / 10);

        robot.interact(() -> flash.setValue(FlashAttention.ON));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().contains("flash attention on"));
        ComboBox<ServingEngine> engine = robot.lookup("#fit-engine").queryAs(ComboBox.class);
        robot.interact(() -> engine.setValue(ServingEngine.BUILTIN));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> flash.getValue() == FlashAttention.OFF
                && title.getText().contains("flash attention off"));

        // a quantized cache needs flash attention: with it off the page plans f16 and says why
        robot.interact(() -> page.viewModel().kvTypeProperty().set(KvCacheType.Q8_0));
        Label words = robot.lookup("#fit-plan-words").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> words.getText().contains("needs flash attention"));
        assertThat(title.getText()).contains("f16 KV");
    }
}
