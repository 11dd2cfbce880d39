package dev.breakeven.ui.library;

import dev.breakeven.core.library.FlakyFileServer;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.core.library.ModelOrigin;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class ModelLibraryViewTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();

    @TempDir
    static Path home;

    private ModelLibraryView view;
    private FlakyFileServer server;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @Start
    void start(Stage stage) throws Exception {
        Path models = Files.createDirectories(home.resolve("models-" + System.nanoTime()));
        Files.copy(SHARED_TINY, models.resolve("llama-2-tiny-random.gguf"));
        server = new FlakyFileServer(Files.readAllBytes(SHARED_TINY));
        server.dropFirstAnswer = true;
        HuggingFaceDownloader downloader = new HuggingFaceDownloader(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), server.baseUrl(), 3,
                Duration.ofMillis(10));
        ModelLibrary library = new ModelLibrary(new LibraryRoots(models, null, List.of(), List.of(), List.of()));
        view = new ModelLibraryView(new ModelLibraryViewModel(library, downloader, background));
        stage.setScene(new Scene(new StackPane(view.node()), 1024, 700));
        stage.show();
        view.viewModel().refresh();
    }

    @AfterEach
    void stop() {
        server.close();
        background.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private TableView<LibraryModel> table(FxRobot robot) {
        return robot.lookup("#library-table").queryAs(TableView.class);
    }

    @Test
    void showsTheModelsOnDiskWithHeaderFiguresAndFollowsTheSelection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        LibraryModel tiny = table(robot).getItems().getFirst();
        assertThat(tiny.origin()).isEqualTo(ModelOrigin.PROJECT);
        assertThat(tiny.architecture()).isEqualTo("llama");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .map(c -> c.getText()).toList()).contains("llama-2-tiny-random", "models/ folder", tiny.quantization());
        assertThat(robot.lookup("#library-status").queryAs(Label.class).getText()).isEqualTo("1 model on this machine");

        robot.interact(() -> view.viewModel().fitVerdictProperty().set(m -> "fits in RAM"));
        robot.clickOn("llama-2-tiny-random");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selectedModelProperty().get()).isEqualTo(tiny);
        assertThat(view.viewModel().selectedProperty().get()).isEqualTo(tiny);
        assertThat(robot.lookup("fits in RAM").tryQuery()).isPresent();
    }

    @Test
    void downloadsWithAProgressBarResumingAfterADrop(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        robot.interact(() -> {
            robot.lookup("#download-pane").queryAs(TitledPane.class).setExpanded(true);
            robot.lookup("#download-repo").queryAs(TextField.class).setText("ggml-org/tiny-llamas");
            robot.lookup("#download-file").queryAs(TextField.class).setText("copy-of-tiny.gguf");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#download-start");

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#download-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup("#download-message").queryAs(Label.class).getText()).startsWith("Saved to");
        assertThat(server.blobRangeHeaders).hasSize(2);
        assertThat(server.blobRangeHeaders.get(1)).startsWith("bytes=");
        assertThat(table(robot).getItems()).extracting(LibraryModel::displayName).contains("copy-of-tiny");
    }

    @Test
    void choosingAUserFolderRescansAndIsSaved(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        Path folder = Files.createDirectories(home.resolve("mine-" + System.nanoTime()));
        Files.copy(SHARED_TINY, folder.resolve("mine.gguf"));

        robot.interact(() -> view.viewModel().userFolderProperty().set(folder));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).anyMatch(m -> m.origin() == ModelOrigin.USER_FOLDER
                && m.displayName().equals("mine"));

        Path settings = home.resolve("settings-" + System.nanoTime());
        ModelLibraryView[] saved = new ModelLibraryView[1];
        robot.interact(() -> saved[0] = ModelLibraryView.withSavedFolder(home.resolve("models"), settings, background));
        robot.interact(() -> saved[0].viewModel().userFolderProperty().set(folder));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> dev.breakeven.core.library.LibrarySettings.load(settings).userFolderPath().isPresent());
        assertThat(dev.breakeven.core.library.LibrarySettings.load(settings).userFolderPath()).contains(folder);
    }

    @Test
    void aBadRepositoryNameShowsAClearMessage(FxRobot robot) throws Exception {
        robot.interact(() -> {
            robot.lookup("#download-pane").queryAs(TitledPane.class).setExpanded(true);
            robot.lookup("#download-repo").queryAs(TextField.class).setText("not a repo");
            robot.lookup("#download-file").queryAs(TextField.class).setText("x.gguf");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#download-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#download-message").queryAs(Label.class).getText().contains("org/name"));
    }
}
