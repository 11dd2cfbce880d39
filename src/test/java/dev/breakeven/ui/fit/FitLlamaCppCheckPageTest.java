package dev.breakeven.ui.fit;

import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.runtime.AllocationChecker;
import dev.breakeven.testing.OnFx;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

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
        Button check = OnFx.node(robot, "#fit-check-llamacpp", Button.class);
        assertThat(OnFx.read(check::isDisabled)).as("nothing opened yet").isTrue();
        robot.interact(() -> page.openFile(SharedModels.tinyLlama()));
        OnFx.waitUntil(20, () -> !check.isDisabled());

        robot.interact(check::fire);
        // the table is filled in one FX-thread call, so once its last row is there the whole result is
        OnFx.waitForNode(robot, 90, "#fit-check-kv-cache", Label.class);
        assertThat(OnFx.text(robot, "#fit-check-weights")).contains("MiB").contains("%");
        assertThat(OnFx.text(robot, "#fit-check-compute-buffer")).contains("MiB");
        assertThat(OnFx.text(robot, "#fit-check-status")).contains("llama.cpp ran it with -np 1 -ngl 0");
        assertThat(OnFx.text(robot, "#fit-check-notes")).contains("CPU: model");
        assertThat(supervisor.running()).as("the runtime stopped after the check").isEmpty();
    }
}
