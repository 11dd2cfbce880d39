package dev.breakeven.ui.models;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubHttp;
import dev.breakeven.core.hub.HubRepo;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.library.ModelHeaders;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import javafx.application.Platform;
import dev.breakeven.testing.OnFx;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A new user on the Models page: search Hugging Face, pick a file, see its plan, download it, see it listed. */
@ExtendWith(ApplicationExtension.class)
class ModelsPageTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama(); // ../shared's, else the vendored copy

    @TempDir
    static Path home;

    private HubEmulator hub;
    private Path downloads;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @Start
    void start(Stage stage) throws Exception {
        hub = new HubEmulator();
        hub.add("ggml-org/tiny-llamas-GGUF", "llama-2-tiny-random-F32.gguf", SHARED_TINY);
        hub.add("ggml-org/tiny-llamas-GGUF", "qwen-0.5b-Q8_0.gguf", GgufModelFactory.writeSparse(
                GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, Files.createTempFile(home, "qwen", ".gguf")));
        downloads = Files.createDirectories(home.resolve("downloads-" + System.nanoTime()));
        HardwareTarget machine = HardwareTarget.cpuOnly(new HostSpec(16L << 30, 40, 4));
        HubEndpoint endpoint = HubEndpoint.anonymous(hub.baseUrl());
        LocalModelsViewModel local = new LocalModelsViewModel(() -> chatLibrary(), downloads, () -> machine,
                dev.breakeven.ui.common.TaskExecutor.fx(background));
        HubViewModel remote = new HubViewModel(new HubClient(HubHttp.client(), endpoint, Duration.ofSeconds(5)),
                new RemoteGguf(HubHttp.client(), endpoint, RemoteGguf.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(5)),
                new HuggingFaceDownloader(HubHttp.client(), hub.baseUrl(), 2, Duration.ofMillis(10)), downloads,
                () -> machine, dev.breakeven.ui.common.TaskExecutor.fx(background));
        ModelsPage page = new ModelsPage(local, remote);
        stage.setScene(new Scene(page.root() instanceof javafx.scene.Parent p ? p : null, 1200, 900));
        stage.show();
        page.onShow();
    }

    /** The library as the Chat page's picker builds it: a models folder and the app's downloads. */
    private ModelLibrary chatLibrary() {
        return new ModelLibrary(new LibraryRoots(home.resolve("no-project-models"), downloads, List.of(), List.of(), List.of()));
    }

    @AfterEach
    void stop() {
        hub.close();
        background.shutdownNow();
    }

    /** Looked up on the FX thread, which fills the page's lists and tables (and their cells) as results arrive. */
    @SuppressWarnings("unchecked")
    private static <T> T lookup(FxRobot robot, String id, Class<? extends javafx.scene.Node> type) throws Exception {
        return (T) OnFx.node(robot, id, type);
    }

    @Test
    void searchPickPlanDownloadAndTheModelIsListed(FxRobot robot) throws Exception {
        OnFx.waitUntil(10, () -> OnFx.text(robot, "#models-local-status").contains("No GGUF models yet"));

        robot.clickOn(OnFx.node(robot, "#models-search", TextField.class)).write("tiny");
        robot.clickOn(OnFx.node(robot, "#models-search-button", Button.class));
        ListView<HubRepo> repos = lookup(robot, "#models-repos", ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> repos.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("ggml-org/tiny-llamas-GGUF  (2,000 downloads)");

        TableView<HubViewModel.FileRow> files = lookup(robot, "#models-files", TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> files.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("llama-2-tiny-random-F32.gguf");

        TextArea plan = lookup(robot, "#models-plan", TextArea.class);
        OnFx.waitUntil(10, () -> plan.getText().contains("Predicted"));
        assertThat(OnFx.text(plan)).contains("Weights").contains("KV cache").contains("Placement").contains("Read ");

        robot.clickOn(OnFx.node(robot, "#models-download", Button.class));
        TableView<LocalModelsViewModel.Row> local = lookup(robot, "#models-local", TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> local.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(OnFx.read(() -> robot.lookup("#models-progress").queryAs(ProgressBar.class).getProgress())).isEqualTo(1.0);
        assertThat(OnFx.text(robot, "#models-hub-status")).contains("SHA-256 checked");
        assertThat(local.getItems().getFirst().model().displayName()).isEqualTo("llama-2-tiny-random-F32");
        assertThat(local.getItems().getFirst().fit()).contains("tok/s");
        // the Chat page's picker lists the same library: the download is there
        assertThat(ModelHeaders.scanAndDescribe(chatLibrary())).extracting(LibraryModel::displayName)
                .containsExactly("llama-2-tiny-random-F32");
    }
}
