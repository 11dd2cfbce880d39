package dev.breakeven.ui.fit;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** "Copy llama-server command" on the Fit page: the selected plan's command goes to the system clipboard. */
@ExtendWith(ApplicationExtension.class)
class FitCopyCommandPageTest {
    private FitPage page;
    private Stage own;
    private ScrollPane scroll;

    @Start
    void start(Stage primary) {
        page = new FitPage(Executors.newVirtualThreadPerTaskExecutor(), FitPageTest::machine);
        own = new Stage();
        scroll = new ScrollPane(page.root());
        own.setScene(new Scene(scroll, 1024, 700));
        own.show();
        page.onShow();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> own.close());
    }

    /** The plan detail sits at the bottom of the page: scroll there, as a user does, before clicking its button. */
    private void clickCopy(FxRobot robot) throws Exception {
        robot.interact(() -> {
            scroll.layout();
            scroll.setVvalue(scroll.getVmax());
            Clipboard.getSystemClipboard().clear(); // what is read back afterwards came from the button
        });
        robot.clickOn(OnFx.node(robot, "#fit-copy-command", Button.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String clipboard(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theOpenedFilesCommandIsShownAndCopied(FxRobot robot, @TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> page.viewModel().matrixProperty().get() != null);
        Path file = dir.resolve("qwen.gguf");
        GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, file);
        robot.interact(() -> page.viewModel().openFile(file));
        TextField command = OnFx.node(robot, "#fit-command", TextField.class);
        OnFx.waitUntil(10, () -> command.getText().contains(file.toString()));
        assertThat(OnFx.read(command::isEditable)).isFalse();
        assertThat(OnFx.text(command)).startsWith("llama-server -m " + file.toAbsolutePath() + " -c 8192")
                .contains("-t 8").endsWith("--jinja");
        // CPU only: vLLM serves from GPUs, so there is nothing to copy for it
        assertThat(OnFx.read(() -> robot.lookup("#fit-copy-vllm").queryAs(Button.class).isDisabled())).isTrue();

        clickCopy(robot);
        assertThat(clipboard(robot)).isEqualTo(OnFx.text(command));
        assertThat(OnFx.text(robot, "#fit-copied")).startsWith("Copied");
    }

    @Test
    void aCatalogCellsCommandNamesAFileToReplace(FxRobot robot) throws Exception {
        String id = "#" + FitPage.cellId("qwen3-8b", "Q4_K_M");
        robot.clickOn(OnFx.waitForNode(robot, 10, id, Label.class));
        TextField command = OnFx.node(robot, "#fit-command", TextField.class);
        OnFx.waitUntil(10, () -> command.getText().startsWith("llama-server -m "));
        assertThat(OnFx.text(command)).containsPattern("-m \\S+\\.gguf -c 8192");
        assertThat(OnFx.text(robot, "#fit-command-notes")).contains("after -m");
        clickCopy(robot);
        assertThat(clipboard(robot)).isEqualTo(OnFx.text(command));
    }
}
