package dev.breakeven.core.runtime;

import dev.breakeven.core.runtime.InstallException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Installs from a local server emulating GitHub's releases API and download links. */
class RuntimeInstallerTest {
    private static final Platform LINUX = new Platform(Platform.Os.LINUX, Platform.Arch.X64);

    @TempDir
    Path data;
    private ReleaseServer github;
    private RuntimeStore store;
    private final List<RuntimeInstaller.Progress> progress = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        github = new ReleaseServer();
        store = new RuntimeStore(data, LINUX);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private RuntimeInstaller installer(Path smokeModel) {
        return new RuntimeInstaller(store, RuntimeInstaller.defaultClient(), new BackendChooser(LINUX, false),
                ProfilesForTest::noGpu, new SmokeTest(Duration.ofSeconds(60)), () -> Optional.ofNullable(smokeModel),
                Duration.ofSeconds(1)); // the emulated cut leaves the connection open: the stall guard notices it
    }

    /** Publishes {@code llama-TAG-bin-ubuntu-x64.tar.gz} holding the given server; returns its bytes. */
    private byte[] publish(String tag, byte[] server, String digestOverride) throws IOException {
        byte[] archive = TestArchives.tarGz("llama-" + tag, TestArchives.runtimeFiles(server));
        String name = "llama-" + tag + "-bin-ubuntu-x64.tar.gz";
        URI url = github.file(name, archive);
        String digest = digestOverride != null ? digestOverride : TestArchives.sha256(archive);
        github.release("latest", TestArchives.releaseJson(tag, name, url.toString(),
                digest.equals("none") ? null : digest, String.valueOf(archive.length)));
        github.release("tags/" + tag, TestArchives.releaseJson(tag, name, url.toString(),
                digest.equals("none") ? null : digest, String.valueOf(archive.length)));
        return archive;
    }

    @Test
    void installsTheRealServerSmokeStartsItAndMakesItCurrent() throws IOException {
        Path real = SharedRuntime.server();
        Path model = SharedRuntime.tinyModel();
        publish("b9001", TestArchives.realServer(real), null);

        RuntimeInstaller.Result result = installer(model).install(github.latest(), null, null, progress::add, () -> false);

        RuntimeManifest m = result.manifest();
        assertThat(m.id()).isEqualTo("b9001-cpu");
        assertThat(m.backend()).isEqualTo(Backend.CPU);
        assertThat(m.version()).isEqualTo("0.5.0-dev"); // what this llama-server's --version prints
        assertThat(m.startMillis()).isPositive();
        assertThat(result.reason()).contains("no GPU detected");
        assertThat(store.currentId()).contains("b9001-cpu");
        Path server = store.currentServer().orElseThrow();
        assertThat(Files.isExecutable(server)).isTrue();
        assertThat(Files.isSymbolicLink(server.resolveSibling("libggml.so"))).isTrue();
        assertThat(store.problems(m)).isEmpty();
        assertThat(progress).extracting(RuntimeInstaller.Progress::stage).contains(
                RuntimeInstaller.Stage.RELEASE, RuntimeInstaller.Stage.DOWNLOAD, RuntimeInstaller.Stage.UNPACK,
                RuntimeInstaller.Stage.SMOKE, RuntimeInstaller.Stage.DONE);
        assertThat(result.smokeLog()).anyMatch(l -> l.contains("model buffer size"));
        assertThat(store.downloads()).isEmptyDirectory(); // timings: bench/RuntimeInstallBenchmark
    }

    @Test
    void aCutDownloadResumesWhereItStoppedOnTheNextInstall() throws IOException {
        byte[] archive = publish("b9002", TestArchives.versionScript(9002), null);
        github.cutAfter(archive.length / 2);

        assertThatThrownBy(() -> installer(null).install(github.latest(), null, null, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
                    assertThat(e.resumable()).isTrue();
                    assertThat(e.getMessage()).contains("run the install again to resume");
                });
        Path part = store.downloads().resolve("llama-b9002-bin-ubuntu-x64.tar.gz.part");
        assertThat(part).hasSize(archive.length / 2);
        assertThat(store.currentId()).isEmpty();

        RuntimeInstaller.Result result = installer(null).install(github.latest(), null, null, progress::add, () -> false);
        assertThat(github.rangeHeaders).containsExactly("", "bytes=" + (archive.length / 2) + "-");
        assertThat(result.manifest().version()).isEqualTo("b9002");
        assertThat(store.currentId()).contains("b9002-cpu");
    }

    @Test
    void aDigestMismatchIsRefusedAndNothingIsLeft() throws IOException {
        publish("b9003", TestArchives.versionScript(9003), "0".repeat(64));
        assertThatThrownBy(() -> installer(null).install(github.latest(), null, null, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
                    assertThat(e.getMessage()).contains("SHA-256 mismatch", "nothing was installed");
                });
        assertThat(store.installedManifests()).isEmpty();
        assertThat(store.currentId()).isEmpty();
        try (Stream<Path> left = Files.walk(store.root())) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anAssetWithoutDigestIsNotInstalled() throws IOException {
        publish("b9004", TestArchives.versionScript(9004), "none");
        assertThatThrownBy(() -> installer(null).install(github.latest(), null, null, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NO_DIGEST);
                    assertThat(e.getMessage()).contains("no SHA-256", "--file");
                });
        assertThat(github.rangeHeaders).isEmpty(); // refused before downloading anything
    }

    @Test
    void noBuildForTheAskedBackendSaysWhatTheReleaseHas() throws IOException {
        publish("b9005", TestArchives.versionScript(9005), null);
        assertThatThrownBy(() -> installer(null).install(github.latest(), null, Backend.METAL, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NO_ASSET);
                    assertThat(e.getMessage()).isEqualTo("release b9005 has no metal build for linux-x64 (it has: cpu)");
                });
    }

    @Test
    void anArchiveWithoutTheServerIsRefused() throws IOException {
        byte[] archive = TestArchives.tarGz("llama-b9006", Map.of("llama-cli", TestArchives.versionScript(9006)));
        String name = "llama-b9006-bin-ubuntu-x64.tar.gz";
        github.release("latest", TestArchives.releaseJson("b9006", name, github.file(name, archive).toString(),
                TestArchives.sha256(archive), String.valueOf(archive.length)));
        assertThatThrownBy(() -> installer(null).install(github.latest(), null, null, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NO_BINARY);
                    assertThat(e.getMessage()).contains("holds no llama-server");
                });
        assertThat(store.installedManifests()).isEmpty();
    }

    @Test
    void aRuntimeThatFailsItsSmokeTestLeavesThePreviousOneCurrent() throws IOException {
        publish("b9007", TestArchives.versionScript(9007), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);
        publish("b9008", TestArchives.failingScript(), null);

        assertThatThrownBy(() -> installer(null).install(github.latest(), null, null, progress::add, () -> false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SMOKE_FAILED);
                    assertThat(e.getMessage()).contains("the current one stays");
                });
        assertThat(store.currentId()).contains("b9007-cpu");
        assertThat(store.installedManifests()).extracting(RuntimeManifest::id).containsExactly("b9007-cpu");
    }

    @Test
    void aPinnedTagInstallsBesideTheCurrentOneAndCanBeRolledBack() throws IOException {
        publish("b9009", TestArchives.versionScript(9009), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);
        publish("b9010", TestArchives.versionScript(9010), null);
        installer(null).install(github.latest(), "b9010", null, progress::add, () -> false);
        assertThat(store.currentId()).contains("b9010-cpu");

        assertThat(store.rollback()).isEqualTo("b9009-cpu");
        assertThat(store.currentId()).contains("b9009-cpu");
        store.remove("b9009-cpu");
        assertThat(store.currentId()).contains("b9010-cpu");
        assertThat(store.installedManifests()).extracting(RuntimeManifest::id).containsExactly("b9010-cpu");
    }

    @Test
    void aRuntimeFolderMissingAFileIsReportedAndNotUsed() throws IOException {
        publish("b9011", TestArchives.versionScript(9011), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);
        publish("b9012", TestArchives.versionScript(9012), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);
        Files.delete(store.folderOf("b9011-cpu").resolve("llama-b9011/libggml.so.0"));

        RuntimeManifest damaged = store.manifest("b9011-cpu").orElseThrow();
        assertThat(store.problems(damaged)).singleElement().asString()
                .contains("1 file(s) missing", "llama-b9011/libggml.so.0");
        assertThatThrownBy(() -> store.use("b9011-cpu")).hasMessageContaining("damaged");
        assertThat(store.currentId()).contains("b9012-cpu");
    }

    @Test
    void aLocalArchiveInstallsWithoutADigest() throws IOException {
        Path file = data.resolve("llama-b9013-bin-ubuntu-vulkan-x64.tar.gz");
        Files.write(file, TestArchives.tarGz("build/bin", TestArchives.runtimeFiles(TestArchives.versionScript(9013))));
        RuntimeInstaller.Result result = installer(null).installFile(file, progress::add, () -> false);
        assertThat(result.manifest().id()).isEqualTo("b9013-vulkan");
        assertThat(result.manifest().server()).isEqualTo("build/bin/llama-server");
        assertThat(result.manifest().sha256()).isEqualTo(TestArchives.sha256(Files.readAllBytes(file)));
        assertThat(store.currentId()).contains("b9013-vulkan");
    }

    @Test
    void installingTheSameBuildAgainOnlyMakesItCurrent() throws IOException {
        publish("b9014", TestArchives.versionScript(9014), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);
        publish("b9015", TestArchives.versionScript(9015), null);
        installer(null).install(github.latest(), null, null, progress::add, () -> false);

        RuntimeInstaller.Result again = installer(null).install(github.latest(), "b9014", null, progress::add, () -> false);
        assertThat(again.alreadyInstalled()).isTrue();
        assertThat(github.rangeHeaders).hasSize(2); // no third download
        assertThat(store.currentId()).contains("b9014-cpu");
    }

    @Test
    void llamaServerOnThePathIsListedWithItsVersionAndCanBeMadeCurrent() throws IOException {
        Path bin = Files.createDirectories(data.resolve("usr/bin"));
        Path server = bin.resolve("llama-server");
        Files.write(server, TestArchives.versionScript(9500));
        server.toFile().setExecutable(true);
        RuntimeStore withPath = new RuntimeStore(data, LINUX,
                new dev.breakeven.core.hardware.ToolRunner(List.of(bin), Duration.ofSeconds(5)));

        assertThat(withPath.list(SmokeTest::versionOf)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("path");
            assertThat(e.kind()).isEqualTo(RuntimeEntry.Kind.PATH);
            assertThat(e.version()).isEqualTo("b9500");
            assertThat(e.backend()).isEqualTo(Backend.CPU);
            assertThat(e.path()).isEqualTo(server.toAbsolutePath());
        });
        withPath.use("path");
        assertThat(withPath.currentServer()).contains(server.toAbsolutePath());
        assertThatThrownBy(() -> withPath.remove("path")).hasMessageContaining("not the app's to remove");
    }

    @Test
    void aModelPathRelativeToTheAppsFolderStillStartsAndAStartFailureSaysWhy() throws IOException {
        Path server = SharedRuntime.server();
        Path relative = Path.of("").toAbsolutePath().relativize(SharedRuntime.tinyModel().toAbsolutePath());
        SmokeTest smoke = new SmokeTest(Duration.ofSeconds(60));
        assertThat(smoke.run(server, relative, () -> false).startMillis()).isPositive();

        Path notAModel = Files.writeString(data.resolve("broken.gguf"), "not a gguf");
        assertThatThrownBy(() -> smoke.run(server, notAModel, () -> false))
                .hasMessageContaining("llama-server stopped before listening (exit code");
    }

    @Test
    void aTagNeedsALatestStyleUrl() {
        assertThatThrownBy(() -> RuntimeInstaller.releaseUrl(URI.create("http://x/releases/tags/b1"), "b2"))
                .hasMessageContaining("/releases/latest");
        assertThatThrownBy(() -> installer(null).install(github.latest(), "b404", null, progress::add, () -> false))
                .hasMessageContaining("no release tagged b404");
    }
}
