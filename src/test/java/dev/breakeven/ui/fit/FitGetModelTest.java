package dev.breakeven.ui.fit;

import dev.breakeven.core.hub.ModelSources;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A catalog cell's "Get this model" hands its GGUF repository and file (from the dated data file) on. */
@ExtendWith(ApplicationExtension.class)
class FitGetModelTest {
    private final List<ModelSources.Link> asked = new CopyOnWriteArrayList<>();
    private Stage own;

    @Start
    void start(Stage primary) {
        FitPage page = new FitPage(Executors.newVirtualThreadPerTaskExecutor(), FitPageTest::machine);
        page.onGetModel(asked::add);
        own = new Stage();
        own.setScene(new Scene(new ScrollPane(page.root()), 1024, 700));
        own.show();
        page.onShow();
    }

    @org.junit.jupiter.api.AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> own.close());
    }

    @Test
    void getThisModelOpensTheCellsGgufFile(FxRobot robot) throws Exception {
        String id = "#" + FitPage.cellId("llama-3.1-8b", "Q4_K_M");
        OnFx.waitForNode(robot, 10, id, Label.class);
        Button get = OnFx.node(robot, "#fit-get-model", Button.class);
        assertThat(OnFx.read(get::isDisabled)).isTrue();

        robot.interact(() -> robot.lookup(id).query().getOnMouseClicked().handle(null));
        OnFx.waitUntil(10, () -> !get.isDisabled());
        robot.interact(get::fire);

        assertThat(asked).singleElement().satisfies(link -> {
            assertThat(link.repo()).isEqualTo("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF");
            assertThat(link.file()).isEqualTo("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf");
        });
    }
}
