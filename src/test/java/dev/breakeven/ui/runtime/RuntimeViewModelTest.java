package dev.breakeven.ui.runtime;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.runtime.Backend;
import dev.breakeven.core.runtime.BackendChooser;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.ReleaseServer;
import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.core.runtime.RuntimeInstaller;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.core.runtime.SmokeTest;
import dev.breakeven.core.runtime.TestArchives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runtime page's view model without JavaFX running: work and FX hand-offs run on the calling thread. */
class RuntimeViewModelTest {
    static final Platform LINUX = new Platform(Platform.Os.LINUX, Platform.Arch.X64);

    @TempDir
    Path data;
    private ReleaseServer github;
    private RuntimeStore store;
    private RuntimeViewModel model;

    static HardwareProfile noGpu() {
        return new HardwareProfile("test", new CpuInfo("Test CPU", 4, 8, List.of()),
                new MemoryInfo(16L << 30, 8L << 30, null, null), List.of(), List.of());
    }

    static RuntimeViewModel model(RuntimeStore store, URI latest, java.util.concurrent.Executor background,
                                  java.util.concurrent.Executor fx) {
        RuntimeInstaller installer = new RuntimeInstaller(store, RuntimeInstaller.defaultClient(),
                new BackendChooser(LINUX, false), RuntimeViewModelTest::noGpu, new SmokeTest(Duration.ofSeconds(30)),
                Optional::empty, Duration.ofSeconds(1));
        return new RuntimeViewModel(store, installer, latest, dev.breakeven.ui.common.TaskExecutor.on(background, fx));
    }

    static void publish(ReleaseServer github, String tag) throws IOException {
        byte[] archive = TestArchives.tarGz("llama-" + tag, TestArchives.runtimeFiles(
                TestArchives.versionScript(Integer.parseInt(tag.substring(1)))));
        String name = "llama-" + tag + "-bin-ubuntu-x64.tar.gz";
        github.release("latest", TestArchives.releaseJson(tag, name, github.file(name, archive).toString(),
                TestArchives.sha256(archive), String.valueOf(archive.length)));
    }

    @BeforeEach
    void start() throws IOException {
        github = new ReleaseServer();
        store = new RuntimeStore(data, LINUX);
        model = model(store, github.latest(), Runnable::run, Runnable::run);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private List<RuntimeEntry> installed() {
        return model.runtimes().stream().filter(e -> e.kind() == RuntimeEntry.Kind.INSTALLED).toList();
    }

    @Test
    void checkShowsTheBuildAndWhyThenInstallMakesItCurrent() throws IOException {
        publish(github, "b9201");
        model.checkRelease();
        assertThat(model.recommendationProperty().get()).isEqualTo("cpu — llama-b9201-bin-ubuntu-x64.tar.gz");
        assertThat(model.reasonProperty().get()).isEqualTo("no GPU detected: the CPU build");
        assertThat(model.busyProperty().get()).isFalse();

        model.install();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("installed; b9201-cpu is now current");
        assertThat(installed()).singleElement().satisfies(e -> {
            assertThat(e.current()).isTrue();
            assertThat(e.version()).isEqualTo("b9201");
            assertThat(RuntimeViewModel.describe(e)).startsWith("● b9201-cpu");
        });
    }

    @Test
    void llamaCppsAllocationReportIsShownPerDevice() {
        dev.breakeven.core.runtime.LlamaCppAllocations report = dev.breakeven.core.runtime.LlamaCppAllocations.parse("""
                load_tensors:        CUDA0 model buffer size =  3577.56 MiB
                llama_kv_cache:      CUDA0 KV buffer size =   960.00 MiB
                sched_reserve:      CUDA0 compute buffer size =   258.50 MiB
                sched_reserve:  CUDA_Host compute buffer size =    16.01 MiB
                """);
        assertThat(RuntimeViewModel.allocationText(report)).isEqualTo("llama.cpp allocated on CUDA0: model 3577.56 MiB, "
                + "KV cache 960.00 MiB, compute 258.50 MiB; on CPU: model 0.00 MiB, KV cache 0.00 MiB, compute 16.01 MiB");
        assertThat(RuntimeViewModel.allocationText(dev.breakeven.core.runtime.LlamaCppAllocations.parse(""))).isEmpty();
    }

    @Test
    void aLocalArchiveInstallsFromThePage() throws IOException {
        Path archive = data.resolve("llama-b9206-bin-ubuntu-x64.tar.gz");
        java.nio.file.Files.write(archive, TestArchives.tarGz("llama-b9206",
                TestArchives.runtimeFiles(TestArchives.versionScript(9206))));
        model.installFile(archive);
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(installed()).extracting(RuntimeEntry::id).containsExactly("b9206-cpu");
        assertThat(model.reasonProperty().get()).isEqualTo("installed from " + archive);
    }

    @Test
    void aBackendTheReleaseLacksIsShownAsAnError() throws IOException {
        publish(github, "b9202");
        model.backendProperty().set(new RuntimeViewModel.BackendOption(Backend.CUDA));
        model.install();
        assertThat(model.errorProperty().get()).isEqualTo("release b9202 has no cuda build for linux-x64 (it has: cpu)");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(installed()).isEmpty();
    }

    @Test
    void cancelStopsTheDownloadAndKeepsItToResume() throws IOException {
        publish(github, "b9203");
        model.cancel(); // a cancel before the install does not stick to it
        github.cutAfter(10); // the first download stalls after 10 bytes: time for the cancel below
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        // the download's first bytes are in: its progress (reported on the worker, fx is Runnable::run) leaves 0
        java.util.concurrent.CountDownLatch downloading = new java.util.concurrent.CountDownLatch(1);
        RuntimeViewModel cancelling = model(store, github.latest(), r -> {
            Thread worker = Thread.ofVirtual().start(r);
            try {
                if (first.getAndSet(false)) {
                    // the user presses Cancel during the first install only, once its download has begun
                    downloading.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    modelCancel();
                }
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Runnable::run);
        cancelling.progressProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0) {
                downloading.countDown();
            }
        });
        current = cancelling;
        cancelling.install();
        // The download hangs after 10 bytes (a 1 s stall guard would call it cut); the cancel as they arrive ends it first.
        assertThat(cancelling.errorProperty().get()).startsWith("install cancelled; 10 bytes kept");
        assertThat(store.currentId()).isEmpty();

        cancelling.install(); // resumes and completes
        assertThat(cancelling.errorProperty().get()).isEmpty();
        assertThat(store.currentId()).contains("b9203-cpu");
    }

    private RuntimeViewModel current;

    private void modelCancel() {
        current.cancel();
    }

    @Test
    void useAndRemoveWorkOnTheListedRuntimes() throws IOException {
        publish(github, "b9204");
        model.install();
        publish(github, "b9205");
        model.install();
        RuntimeEntry older = installed().stream().filter(e -> e.id().equals("b9204-cpu")).findFirst().orElseThrow();
        model.use(older);
        assertThat(store.currentId()).contains("b9204-cpu");
        model.remove(older);
        assertThat(model.statusProperty().get()).isEqualTo("removed b9204-cpu");
        assertThat(installed()).extracting(RuntimeEntry::id).containsExactly("b9205-cpu");
        assertThat(store.currentId()).contains("b9205-cpu");
    }
}
