package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.MemoryParts;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's memory bars speak GiB, as the Hardware and Compare pages do. */
@ExtendWith(ApplicationExtension.class)
class MemoryBarTest {
    private static final long GIB = 1L << 30;

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    @Test
    void aTwentyFourGibCardReadsAs24GibNot25Point8Gb(FxRobot robot) {
        MemoryBar bar = new MemoryBar("gpu-bar");
        robot.interact(() -> bar.show("GPU", new MemoryParts(12 * GIB, 4 * GIB, GIB, GIB), 24 * GIB));
        String caption = ((Label) bar.getChildren().getFirst()).getText();
        assertThat(caption).isEqualTo("GPU: 18.0 of 24.0 GiB (weights 12.0, KV 4.0, buffers 2.0)");
    }
}
