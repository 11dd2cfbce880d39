package dev.breakeven.ui.runtime;

import dev.breakeven.core.runtime.Backend;
import dev.breakeven.core.runtime.BackendChoice;
import dev.breakeven.core.runtime.LlamaCppAllocations;
import dev.breakeven.core.runtime.Release;
import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.core.runtime.RuntimeInstaller;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.core.runtime.SmokeTest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.breakeven.ui.common.TaskExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Runtime page's state: the runtimes the app knows, the build it recommends for this machine and why, and an
 * install with progress and cancel. Work runs through the {@link TaskExecutor}: in the background, results back on
 * the FX thread in the app, all inline in tests.
 */
public final class RuntimeViewModel {
    /** "Automatic" or one backend, as the backend picker shows it. */
    public record BackendOption(Backend backend) {
        @Override
        public String toString() {
            return backend == null ? "Automatic (recommended)" : backend.id();
        }
    }

    private final RuntimeStore store;
    private final RuntimeInstaller installer;
    private final URI releasesUrl;
    private final TaskExecutor tasks;

    private final ObservableList<RuntimeEntry> runtimes = FXCollections.observableArrayList();
    private final ObservableList<BackendOption> backendOptions = FXCollections.observableArrayList();
    private final ObjectProperty<BackendOption> backend = new SimpleObjectProperty<>(new BackendOption(null));
    private final StringProperty recommendation = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty allocations = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public RuntimeViewModel(RuntimeStore store, RuntimeInstaller installer, URI releasesUrl, TaskExecutor tasks) {
        this.store = store;
        this.installer = installer;
        this.releasesUrl = releasesUrl;
        this.tasks = tasks;
        backendOptions.add(new BackendOption(null));
        for (Backend b : Backend.values()) {
            backendOptions.add(new BackendOption(b));
        }
        backend.set(backendOptions.getFirst());
    }

    public ObservableList<RuntimeEntry> runtimes() {
        return runtimes;
    }

    public ObservableList<BackendOption> backendOptions() {
        return backendOptions;
    }

    public ObjectProperty<BackendOption> backendProperty() {
        return backend;
    }

    public StringProperty recommendationProperty() {
        return recommendation;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** What llama.cpp allocated per device when the new runtime was smoke-started on a model ("" when not started). */
    public StringProperty allocationsProperty() {
        return allocations;
    }

    /** 0..1 during a download, -1 while the step has no measurable progress. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Re-reads the runtimes (running {@code --version} for found ones, so off the FX thread). */
    public void refresh() {
        tasks.background().execute(() -> {
            List<RuntimeEntry> list = store.list(SmokeTest::versionOf);
            tasks.onUi(() -> runtimes.setAll(list));
        });
    }

    /** Reads the latest release and says which build this machine would get, and why. */
    public void checkRelease() {
        if (busy.get()) {
            return;
        }
        start("reading the latest release …");
        Backend wanted = backend.get().backend();
        tasks.background().execute(() -> {
            try {
                Release release = installer.fetchRelease(releasesUrl, null);
                BackendChoice choice = installer.plan(release, wanted);
                tasks.onUi(() -> {
                    recommendation.set(choice.backend().id() + " — " + choice.pkg().archive().name());
                    reason.set(choice.reason());
                    finish("release " + release.tag() + " read");
                });
            } catch (IOException e) {
                fail(e);
            }
        });
    }

    public void install() {
        Backend wanted = backend.get().backend();
        run((progressSink, cancelled) -> installer.install(releasesUrl, null, wanted, progressSink, cancelled));
    }

    /** Installs a llama.cpp archive the user already has (no digest to check it against; its SHA-256 is recorded). */
    public void installFile(Path archive) {
        run((progressSink, cancelled) -> installer.installFile(archive, progressSink, cancelled));
    }

    private interface InstallRun {
        RuntimeInstaller.Result run(java.util.function.Consumer<RuntimeInstaller.Progress> progress,
                                    java.util.function.BooleanSupplier cancelled) throws IOException;
    }

    private void run(InstallRun job) {
        if (busy.get()) {
            return;
        }
        AtomicBoolean flag = new AtomicBoolean();
        cancel = flag;
        start("starting the install …");
        tasks.background().execute(() -> {
            try {
                RuntimeInstaller.Result result = job.run(p -> tasks.onUi(() -> {
                    status.set(p.message());
                    progress.set(p.transfer() != null ? p.transfer().fraction() : -1);
                }), flag::get);
                List<RuntimeEntry> list = store.list(SmokeTest::versionOf);
                String allocated = allocationText(result.allocations());
                tasks.onUi(() -> {
                    runtimes.setAll(list);
                    allocations.set(allocated);
                    reason.set(result.reason());
                    recommendation.set(result.manifest().backend().id() + " — " + result.manifest().id());
                    progress.set(1);
                    finish((result.alreadyInstalled() ? "already installed; " : "installed; ") + result.manifest().id()
                            + " is now current" + (result.manifest().startMillis() >= 0
                            ? String.format(Locale.ROOT, " (smoke start healthy after %.1f s)", result.manifest().startMillis() / 1000.0)
                            : " (smoke test: --version only)"));
                });
            } catch (IOException e) {
                fail(e);
            }
        });
    }

    public void cancel() {
        cancel.set(true);
        status.set("cancelling …");
    }

    public void use(RuntimeEntry entry) {
        act(() -> store.use(entry.id()), entry.id() + " is now current");
    }

    public void remove(RuntimeEntry entry) {
        act(() -> store.remove(entry.id()), "removed " + entry.id());
    }

    public void addFolder(Path folder) {
        act(() -> store.addFolder(folder), "added " + folder);
    }

    private interface Action {
        void run() throws IOException;
    }

    private void act(Action action, String done) {
        error.set("");
        tasks.background().execute(() -> {
            try {
                action.run();
                List<RuntimeEntry> list = store.list(SmokeTest::versionOf);
                tasks.onUi(() -> {
                    runtimes.setAll(list);
                    status.set(done);
                });
            } catch (IOException e) {
                tasks.onUi(() -> error.set(e.getMessage()));
            }
        });
    }

    private void start(String message) {
        busy.set(true);
        error.set("");
        status.set(message);
        progress.set(-1);
    }

    private void finish(String message) {
        busy.set(false);
        status.set(message);
    }

    private void fail(IOException e) {
        tasks.onUi(() -> {
            busy.set(false);
            progress.set(0);
            status.set("");
            error.set(e.getMessage());
        });
    }

    static String allocationText(LlamaCppAllocations report) {
        StringBuilder text = new StringBuilder();
        report.byDevice().forEach((device, a) -> text.append(text.isEmpty() ? "llama.cpp allocated on " : "; on ")
                .append(device).append(String.format(Locale.ROOT, ": model %.2f MiB, KV cache %.2f MiB, compute %.2f MiB",
                        a.modelBytes() / 1048576.0, a.kvBytes() / 1048576.0, a.computeBytes() / 1048576.0)));
        return text.toString();
    }

    /** The rows as text, for tests and the list cells. */
    static String describe(RuntimeEntry e) {
        List<String> parts = new ArrayList<>(List.of(e.id(), e.version(), e.backend().id(),
                e.kind().name().toLowerCase(Locale.ROOT)));
        String text = (e.current() ? "● " : "   ") + String.join("  ·  ", parts);
        return e.problems().isEmpty() ? text : text + "  —  " + String.join("; ", e.problems());
    }
}
