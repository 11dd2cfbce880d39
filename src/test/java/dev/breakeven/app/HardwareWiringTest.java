package dev.breakeven.app;

import dev.breakeven.ui.fit.FitPage;
import dev.breakeven.ui.fit.FitViewModel;
import dev.breakeven.ui.hardware.HardwarePage;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's wiring: a figure typed on the Hardware page re-plans the Fit page already open, without a restart. */
@ExtendWith(ApplicationExtension.class)
class HardwareWiringTest {
    @TempDir
    static Path home;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        AppServices services = AppServices.forTest(home);
        window = new MainWindow(PageRegistry.create(services), services.dirs());
        window.show(stage);
    }

    private FitViewModel fit() {
        return ((FitPage) window.page(PageId.FIT)).viewModel();
    }

    private double planned() {
        FitViewModel.Matrix m = fit().matrixProperty().get();
        return m == null || !fit().hardwareChoices().getFirst().equals(fit().hardwareProperty().get())
                ? Double.NaN : m.target().host().bandwidthGBps();
    }

    @Test
    void aBandwidthTypedOnTheHardwarePageRePlansTheOpenFitPage(FxRobot robot) throws Exception {
        robot.interact(() -> window.select(PageId.FIT));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !Double.isNaN(planned()));
        assertThat(planned()).isNotEqualTo(123.4);

        robot.interact(() -> window.select(PageId.HARDWARE));
        HardwarePage hardware = (HardwarePage) window.page(PageId.HARDWARE);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> hardware.model().currentProfile() != null && !hardware.model().detectingProperty().get());
        robot.interact(() -> {
            robot.lookup("#ram-bandwidth-field").queryAs(TextField.class).setText("123.4");
            robot.lookup("#ram-bandwidth-apply").queryButton().fire();
        });

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> planned() == 123.4);
        robot.interact(() -> window.select(PageId.FIT));
        assertThat(fit().statusProperty().get()).startsWith("This machine");
    }
}
