package dev.breakeven.ui.runtime;

import dev.breakeven.core.runtime.ReleaseServer;
import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.ui.shell.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The page as a user drives it: Install, watch it finish, see the runtime listed as current. */
@ExtendWith(ApplicationExtension.class)
class RuntimePageTest {
    @TempDir
    static Path data;
    private static ReleaseServer github;

    @Start
    void start(Stage stage) throws Exception {
        github = new ReleaseServer();
        RuntimeViewModelTest.publish(github, "b9301");
        RuntimeStore store = new RuntimeStore(data, RuntimeViewModelTest.LINUX);
        RuntimePage page = new RuntimePage(RuntimeViewModelTest.model(store, github.latest(),
                Executors.newVirtualThreadPerTaskExecutor(), javafx.application.Platform::runLater));
        ScrollPane scroller = new ScrollPane(page.root());
        scroller.setFitToWidth(true);
        BorderPane shell = new BorderPane(scroller);
        Theme.LIGHT.applyTo(shell);
        stage.setScene(new Scene(shell, 844, 700));
        stage.sizeToScene();
        stage.show();
        page.onShow();
    }

    @AfterAll
    static void stopServer() {
        if (github != null) {
            github.close();
        }
    }

    @Test
    void installFromThePageListsTheRuntimeAsCurrent(FxRobot robot) throws Exception {
        // Opening the page reads the release and shows the recommendation with its reason.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#runtime-reason").queryAs(Label.class).getText().contains("no GPU detected"));
        assertThat(robot.lookup("#runtime-recommendation").queryAs(Label.class).getText()).startsWith("cpu");

        robot.clickOn("#runtime-install");
        @SuppressWarnings("unchecked")
        ListView<RuntimeEntry> list = robot.lookup("#runtime-list").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> list.getItems().stream().anyMatch(e -> e.id().equals("b9301-cpu") && e.current()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runtime-status").queryAs(Label.class).getText()).contains("b9301-cpu is now current");
        assertThat(robot.lookup("#runtime-error").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#runtime-install").queryButton().isDisabled()).isFalse();
    }
}
