package dev.breakeven.ui.hardware;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.PageRegistry;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the "Calibrate" button on the Hardware page of the app as wired (the runtime found as Chat finds it:
 * here the shared llama-server), clicked as a user would; its own home, so the calibration reaches no other test.
 */
@ExtendWith(ApplicationExtension.class)
class HardwareCalibratePageTest {
    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(PageRegistry.create(AppServices.forTest(home)), dev.breakeven.core.io.AppDirs.under(home));
        window.show(stage);
        stage.setWidth(MainWindow.MIN_WIDTH);
        stage.setHeight(MainWindow.MIN_HEIGHT);
    }

    @Test
    void theCalibrateButtonRunsTheRuntimeAndShowsTheResultAndTheDate(FxRobot robot) throws Exception {
        SharedModels.llamaServer();
        robot.interact(() -> window.select(PageId.HARDWARE));
        HardwarePage page = (HardwarePage) window.page(PageId.HARDWARE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> page.model().currentProfile() != null && !page.model().detectingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#calibration-status").queryAs(Labeled.class).getText())
                .isEqualTo("This machine: uncalibrated");
        assertThat(robot.lookup("#calibrate-button").queryButton().getText())
                .isEqualTo("Calibrate this machine (about 10–60 s)");

        long started = System.nanoTime();
        robot.interact(() -> robot.lookup("#calibrate-button").queryButton().fire());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !page.model().calibration().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        System.out.printf("Calibrate button on the page: %.1f s — %s%n", (System.nanoTime() - started) / 1e9,
                page.model().calibration().progressProperty().get());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(robot.lookup("#calibration-progress").queryAs(Labeled.class).getText()).startsWith("Done in");
        assertThat(robot.lookup("#calibration-result").queryAs(Labeled.class).getText())
                .contains("Decode measured", "GB/s calibrated", "llama-server");
        assertThat(robot.lookup("#calibration-status").queryAs(Labeled.class).getText())
                .isEqualTo("This machine: calibrated " + today);
        assertThat(page.model().currentProfile().memory().bandwidthSource().json()).isEqualTo("calibrated");
    }
}
