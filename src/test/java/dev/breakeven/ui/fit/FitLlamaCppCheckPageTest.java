package dev.breakeven.ui.fit;

import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.runtime.AllocationChecker;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's "Check against llama.cpp" on an opened file, with the shared llama-server on the tiny model. */
@ExtendWith(ApplicationExtension.class)
class FitLlamaCppCheckPageTest {
    private Stage own;
    private FitPage page;
    private EngineSupervisor supervisor;

    @BeforeAll
    static void needsTheSharedServer() {
        SharedModels.llamaServer(); // skip before the toolkit starts (an abort inside @Start is an error)
    }

    @Start
    void start(Stage primary) throws Exception {
        Path home = Files.createTempDirectory("fit-check");
        supervisor = new EngineSupervisor(home.resolve("data/run"), home.resolve("data/logs"));
        LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()));
        page = new FitPage(Executors.newVirtualThreadPerTaskExecutor(), FitPageTest::machine,
                new AllocationChecker(engines, home.resolve("data")));
        own = new Stage();
        own.setScene(new Scene(new ScrollPane(page.root()), 1024, 700));
        own.show();
        page.onShow();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> own.close());
        supervisor.close();
    }

    @Test
    void checkingAnOpenedFileShowsPlannedAndReportedTermsWithTheirDifference(FxRobot robot) throws Exception {
        Button check = robot.lookup("#fit-check-llamacpp").queryAs(Button.class);
        assertThat(check.isDisabled()).as("nothing opened yet").isTrue();
        robot.interact(() -> page.openFile(SharedModels.tinyLlama()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !check.isDisabled());

        robot.interact(check::fire);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup("#fit-check-kv-cache").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#fit-check-weights").queryAs(Label.class).getText()).contains("MiB").contains("%");
        assertThat(robot.lookup("#fit-check-compute-buffer").queryAs(Label.class).getText()).contains("MiB");
        assertThat(robot.lookup("#fit-check-status").queryAs(Label.class).getText())
                .contains("llama.cpp ran it with -np 1 -ngl 0");
        assertThat(robot.lookup("#fit-check-notes").queryAs(Label.class).getText()).contains("CPU: model");
        assertThat(supervisor.running()).as("the runtime stopped after the check").isEmpty();
    }
}
