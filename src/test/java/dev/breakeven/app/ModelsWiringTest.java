package dev.breakeven.app;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.library.HubSettings;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.OnFx;
import dev.breakeven.ui.models.ModelsPage;
import dev.breakeven.ui.shell.MainWindow;
import dev.breakeven.ui.shell.PageId;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's own wiring: Fit's "Get this model" lands on the Models page with that file planned (Hub from hub.json). */
@ExtendWith(ApplicationExtension.class)
class ModelsWiringTest {
    private static final String REPO = "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF";
    private static final String FILE = "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf";

    @TempDir
    static Path home;

    private HubEmulator hub;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        hub = new HubEmulator();
        hub.add(REPO, FILE, GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.Q8_0,
                Files.createTempFile(home, "tiny", ".gguf")));
        AppServices services = AppServices.forTest(home);
        new HubSettings(hub.baseUrl().toString()).save(services.dirs().settings());
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        window = new MainWindow(PageRegistry.create(services, page -> shown.get().select(page)), services.dirs());
        shown.set(window);
        window.show(stage);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void getThisModelOnAFitCellOpensItPlannedOnTheModelsPage(FxRobot robot) throws Exception {
        robot.interact(() -> window.select(PageId.FIT));
        String cell = "#cell-llama-3_1-8b-Q4_K_M";
        // looked up on the FX thread, which draws the matrix (and redraws it each time the page re-plans)
        OnFx.waitUntil(60, () -> robot.lookup(cell).tryQuery().isPresent());
        robot.interact(() -> robot.lookup(cell).query().getOnMouseClicked().handle(null));
        Button get = OnFx.node(robot, "#fit-get-model", Button.class);
        OnFx.waitUntil(10, () -> !get.isDisabled());
        robot.interact(get::fire);

        assertThat(window.selectedProperty().get()).isEqualTo(PageId.MODELS);
        ModelsPage models = (ModelsPage) window.page(PageId.MODELS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> models.hub().planProperty().get() != null);
        assertThat(models.hub().selectedFileProperty().get().name()).isEqualTo(FILE);
        assertThat(models.hub().planTextProperty().get()).contains("Predicted");
        assertThat(hub.log()).anyMatch(r -> r.path().contains("/api/models/" + REPO + "/tree/main"));
    }

    @Test
    void openInChatOnTheModelsPageMakesThatFileChatsPickedModel(FxRobot robot) throws Exception {
        Path downloads = home.resolve("data/models");
        Files.createDirectories(downloads);
        Path model = Files.copy(dev.breakeven.core.chat.SharedModels.tinyLlama(), downloads.resolve("tiny-chat.gguf"));
        robot.interact(() -> window.select(PageId.MODELS));
        ModelsPage models = (ModelsPage) window.page(PageId.MODELS);
        robot.interact(() -> models.local().refresh());
        // the rows are replaced on the FX thread when the scan ends: walk them there
        OnFx.waitUntil(30, () -> models.local().rows().stream().anyMatch(r -> r.model().path().equals(model)));
        robot.interact(() -> {
            models.local().selectedProperty().set(models.local().rows().stream()
                    .filter(r -> r.model().path().equals(model)).findFirst().orElseThrow());
            models.local().openSelectedInChat();
        });

        assertThat(window.selectedProperty().get()).isEqualTo(PageId.CHAT);
        dev.breakeven.ui.chat.ChatPage chat = (dev.breakeven.ui.chat.ChatPage) window.page(PageId.CHAT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chat.pickedModel().isPresent());
        assertThat(chat.pickedModel()).contains(model);
    }
}
