package dev.breakeven.ui.models;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubHttp;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The Models page's view models with a synchronous executor: no FX toolkit, every step observable at once. */
class ModelsViewModelTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama(); // ../shared's, else the vendored copy
    private static final HardwareTarget MACHINE = HardwareTarget.cpuOnly(new HostSpec(16L << 30, 40, 4));

    @TempDir
    Path home;

    private HubEmulator hub;
    private Path downloads;
    private Path other;
    private LocalModelsViewModel local;
    private HubViewModel remote;

    @BeforeEach
    void start() throws Exception {
        hub = new HubEmulator();
        downloads = Files.createDirectories(home.resolve("downloads"));
        other = Files.createDirectories(home.resolve("lmstudio/pub/repo"));
        HubEndpoint endpoint = HubEndpoint.anonymous(hub.baseUrl());
        local = new LocalModelsViewModel(() -> new ModelLibrary(new LibraryRoots(null, downloads,
                List.of(home.resolve("lmstudio")), List.of(), List.of())), downloads, () -> MACHINE, dev.breakeven.ui.common.TaskExecutor.inline());
        remote = new HubViewModel(new HubClient(HubHttp.client(), endpoint, Duration.ofSeconds(5)),
                new RemoteGguf(HubHttp.client(), endpoint, RemoteGguf.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(5)),
                new HuggingFaceDownloader(HubHttp.client(), hub.baseUrl(), 2, Duration.ofMillis(10)), downloads,
                () -> MACHINE, dev.breakeven.ui.common.TaskExecutor.inline());
        remote.onDownloaded(local::refresh);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void searchPickPlanDownloadAndTheModelIsInTheLocalList() throws Exception {
        hub.add("ggml-org/tiny-llamas-GGUF", "llama-2-tiny-random-F32.gguf", SHARED_TINY);
        Path sparse = GgufModelFactory.writeSparse(GgufModelFactory.llama2_7b(), GgmlType.Q4_K, home.resolve("7b.gguf"));
        hub.add("ggml-org/tiny-llamas-GGUF", "llama-2-7b-Q4_K_S.gguf", sparse, "b".repeat(64));
        local.refresh();
        assertThat(local.rows()).isEmpty();
        assertThat(local.statusProperty().get()).contains("search Hugging Face");

        remote.search("tiny");
        assertThat(remote.repos()).extracting(r -> r.id()).containsExactly("ggml-org/tiny-llamas-GGUF");
        remote.selectedRepoProperty().set(remote.repos().getFirst());
        assertThat(remote.files()).extracting(HubViewModel.FileRow::name)
                .containsExactly("llama-2-7b-Q4_K_S.gguf", "llama-2-tiny-random-F32.gguf");
        assertThat(remote.files().get(0).quickFit()).isEqualTo("RAM (CPU)");

        hub.resetLog();
        remote.selectedFileProperty().set(remote.files().get(0)); // the 7B: planned from its header only
        assertThat(remote.planProperty().get().totalLayers()).isEqualTo(33);
        assertThat(remote.planTextProperty().get()).contains("Weights").contains("KV cache").contains("Predicted")
                .contains("Read ");
        assertThat(hub.bytesSent()).isLessThan(4_000_000L);

        remote.selectedFileProperty().set(remote.files().get(1));
        remote.downloadSelected();
        assertThat(remote.statusProperty().get()).startsWith("Downloaded llama-2-tiny-random-F32.gguf (SHA-256 checked)");
        assertThat(remote.progressProperty().get()).isEqualTo(1.0);
        assertThat(downloads.resolve("llama-2-tiny-random-F32.gguf")).hasSameBinaryContentAs(SHARED_TINY);
        assertThat(local.rows()).singleElement().satisfies(row -> {
            assertThat(row.model().displayName()).isEqualTo("llama-2-tiny-random-F32");
            assertThat(row.downloadedByApp()).isTrue();
            assertThat(row.fit()).contains("tok/s");
        });
    }

    @Test
    void deleteRemovesOnlyWhatTheAppDownloadedAndRevealAndChatGetThePath() throws Exception {
        Files.copy(SHARED_TINY, downloads.resolve("mine.gguf"));
        Files.copy(SHARED_TINY, other.resolve("theirs.gguf"));
        List<Path> opened = new ArrayList<>();
        List<Path> revealed = new ArrayList<>();
        local.openInChatProperty().set(opened::add);
        local.revealProperty().set(revealed::add);
        local.refresh();
        assertThat(local.rows()).hasSize(2);

        LocalModelsViewModel.Row theirs = local.rows().stream().filter(r -> !r.downloadedByApp()).findFirst().orElseThrow();
        local.selectedProperty().set(theirs);
        local.deleteSelected();
        assertThat(other.resolve("theirs.gguf")).exists();
        assertThat(local.statusProperty().get()).contains("not downloaded by Breakeven");
        local.openSelectedInChat();
        local.revealSelected();
        assertThat(opened).containsExactly(theirs.model().path());
        assertThat(revealed).containsExactly(theirs.model().path());

        local.selectedProperty().set(local.rows().stream().filter(LocalModelsViewModel.Row::downloadedByApp).findFirst().orElseThrow());
        local.deleteSelected();
        assertThat(downloads.resolve("mine.gguf")).doesNotExist();
        assertThat(local.rows()).extracting(r -> r.model().displayName()).containsExactly("theirs");
    }

    @Test
    void openingARepositoryAndFileFromTheFitPageListsSelectsAndPlansIt() throws Exception {
        hub.add("ggml-org/tiny-llamas-GGUF", "llama-2-tiny-random-F32.gguf", SHARED_TINY);
        remote.open("ggml-org/tiny-llamas-GGUF", "llama-2-tiny-random-F32.gguf");
        assertThat(remote.selectedFileProperty().get().name()).isEqualTo("llama-2-tiny-random-F32.gguf");
        assertThat(remote.planProperty().get()).isNotNull();
        remote.open("ggml-org/tiny-llamas-GGUF", "gone.gguf");
        assertThat(remote.statusProperty().get()).contains("has no file gone.gguf");
    }

    @Test
    void theHubAddressIsASettingThatTakesEffectAtOnce() throws Exception {
        try (HubEmulator mirror = new HubEmulator()) {
            mirror.add("mirror/Only-Here-GGUF", "m-F32.gguf", SHARED_TINY);
            List<String> saved = new ArrayList<>();
            remote.addressChanges(e -> new HubViewModel.Access(new HubClient(HubHttp.client(), e, Duration.ofSeconds(5)),
                    new RemoteGguf(HubHttp.client(), e, RemoteGguf.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(5)),
                    new HuggingFaceDownloader(HubHttp.client(), e.baseUrl(), 2, Duration.ofMillis(10))), saved::add);

            remote.useHub("not a url");
            assertThat(remote.statusProperty().get()).contains("Not a Hub address");
            remote.useHub(mirror.baseUrl().toString());
            remote.search("only-here");

            assertThat(remote.repos()).extracting(r -> r.id()).containsExactly("mirror/Only-Here-GGUF");
            assertThat(saved).containsExactly(mirror.baseUrl().toString());
            assertThat(remote.hubAddressProperty().get()).isEqualTo(mirror.baseUrl().toString());
        }
    }

    @Test
    void importCopiesIntoTheAppsFolderAndBadInputSaysWhy() throws Exception {
        local.importFile(SHARED_TINY);
        assertThat(downloads.resolve(SHARED_TINY.getFileName())).exists();
        assertThat(local.rows()).hasSize(1);

        remote.search("  ");
        assertThat(remote.statusProperty().get()).contains("Type part of a model name");
        remote.search("nothing-here");
        assertThat(remote.repos()).isEmpty();
        assertThat(remote.statusProperty().get()).contains("No GGUF repositories");
    }
}
