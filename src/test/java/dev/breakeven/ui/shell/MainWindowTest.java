package dev.breakeven.ui.shell;

import dev.breakeven.core.io.AppDirs;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        Map<PageId, Supplier<Page>> pages = new EnumMap<>(PageId.class);
        for (PageId id : PageId.values()) {
            pages.put(id, () -> new ComingPage(id, id.subtitle()));
        }
        window = new MainWindow(pages, AppDirs.under(home));
        window.show(stage);
        stage.setWidth(MainWindow.MIN_WIDTH);
        stage.setHeight(MainWindow.MIN_HEIGHT);
    }

    @Test
    void everyPageIsReachableFromTheSidebar(FxRobot robot) {
        for (PageId id : PageId.values()) {
            robot.clickOn("#nav-" + id.name().toLowerCase(java.util.Locale.ROOT));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.selectedProperty().get()).isEqualTo(id);
            Node title = robot.lookup(".page-title").queryAll().stream()
                    .filter(Node::isVisible).filter(n -> n.getScene() != null).findFirst().orElseThrow();
            assertThat(((Label) title).getText()).isEqualTo(id.title());
        }
    }

    @Test
    void openLogFolderAppearsOnceTheAppOffersItAndRunsTheOpener(FxRobot robot) {
        assertThat(robot.lookup("#open-log-folder").query().isVisible()).isFalse();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> window.offerLogFolder(opened::incrementAndGet));
        robot.clickOn("#open-log-folder");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).hasValue(1);
    }

    @Test
    void keyboardShortcutsSwitchPages(FxRobot robot) {
        robot.clickOn("#nav-hardware");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT5)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedProperty().get()).isEqualTo(PageId.COSTS);
    }

    @Test
    void themeToggleSwitchesToDarkAndBack(FxRobot robot) {
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(window.root().getPseudoClassStates().toString()).contains("dark");
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.themeProperty().get()).isEqualTo(Theme.LIGHT);
    }
}
