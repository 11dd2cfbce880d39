package dev.breakeven.ui.runtime;

import dev.breakeven.core.runtime.ReleaseServer;
import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.ui.shell.Theme;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
        OnFx.waitUntil(10, () -> OnFx.text(robot, "#runtime-reason").contains("no GPU detected"));
        assertThat(OnFx.text(robot, "#runtime-recommendation")).startsWith("cpu");

        robot.clickOn(OnFx.node(robot, "#runtime-install", Button.class));
        @SuppressWarnings("unchecked")
        ListView<RuntimeEntry> list = OnFx.node(robot, "#runtime-list", ListView.class);
        // the list is replaced on the FX thread when the install ends: walk it there
        OnFx.waitUntil(20, () -> list.getItems().stream().anyMatch(e -> e.id().equals("b9301-cpu") && e.current()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.text(robot, "#runtime-status")).contains("b9301-cpu is now current");
        assertThat(OnFx.read(() -> robot.lookup("#runtime-error").queryAs(Label.class).isVisible())).isFalse();
        assertThat(OnFx.read(() -> robot.lookup("#runtime-install").queryButton().isDisabled())).isFalse();
    }
}
