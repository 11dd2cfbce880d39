package dev.breakeven.ui.models;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubModelFile;
import dev.breakeven.core.hub.HubRepo;
import dev.breakeven.core.hub.PlanSummary;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.library.DisplayText;
import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.HuggingFaceDownloader;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import dev.breakeven.ui.common.TaskExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Hugging Face from the Models page: search GGUF repositories, list a repository's files with size, quant and a
 * size-only fit, plan one exactly from its remote header (a few MB read), and download it with progress into the
 * app's models folder. Network work runs on {@code background}; results are applied through {@code ui}.
 */
public final class HubViewModel {
    /** A file row: the Hub's model file and the quick fit from its size. */
    public record FileRow(HubModelFile file, String quickFit) {
        public String name() {
            return DisplayText.sanitize(file.name());
        }

        public String size() {
            return String.format(Locale.ROOT, "%.2f GB%s", file.sizeBytes() / 1e9,
                    file.shards() > 1 ? " (" + file.shards() + " files)" : "");
        }
    }

    /** The three clients of one Hub address; replaced together when the user changes the address. */
    public record Access(HubClient hub, RemoteGguf remote, HuggingFaceDownloader downloader) {
    }

    private volatile HubClient hub;
    private volatile RemoteGguf remote;
    private volatile HuggingFaceDownloader downloader;
    private java.util.function.Function<dev.breakeven.core.library.HubEndpoint, Access> connect = null;
    private java.util.function.Consumer<String> saveAddress = address -> { };
    private final StringProperty hubAddress = new SimpleStringProperty("");
    private final Path downloads;
    private final Supplier<HardwareTarget> machine;
    private final TaskExecutor tasks;
    private final ObservableList<HubRepo> repos = FXCollections.observableArrayList();
    private final ObservableList<FileRow> files = FXCollections.observableArrayList();
    private final ObjectProperty<HubRepo> selectedRepo = new SimpleObjectProperty<>();
    private final ObjectProperty<FileRow> selectedFile = new SimpleObjectProperty<>();
    private final ObjectProperty<PlanSummary> plan = new SimpleObjectProperty<>();
    private final StringProperty planText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty downloading = new SimpleBooleanProperty(false);
    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile int contextLength = 8192;
    private Runnable onDownloaded = () -> { };
    /** A file to select once the repository's files are listed (the Fit page's "Get this model"). */
    private volatile String pendingFile;

    public HubViewModel(HubClient hub, RemoteGguf remote, HuggingFaceDownloader downloader, Path downloads,
                        Supplier<HardwareTarget> machine, TaskExecutor tasks) {
        this.hub = hub;
        this.remote = remote;
        this.downloader = downloader;
        this.hubAddress.set(hub.endpoint().baseUrl().toString());
        this.downloads = downloads;
        this.machine = machine;
        this.tasks = tasks;
        selectedRepo.addListener((obs, old, now) -> {
            if (now != null) {
                listFiles(now.id());
            }
        });
        selectedFile.addListener((obs, old, now) -> {
            if (now != null) {
                planFile(now);
            }
        });
    }

    public ObservableList<HubRepo> repos() {
        return repos;
    }

    public ObservableList<FileRow> files() {
        return files;
    }

    public ObjectProperty<HubRepo> selectedRepoProperty() {
        return selectedRepo;
    }

    public ObjectProperty<FileRow> selectedFileProperty() {
        return selectedFile;
    }

    public ObjectProperty<PlanSummary> planProperty() {
        return plan;
    }

    public StringProperty planTextProperty() {
        return planText;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty downloadingProperty() {
        return downloading;
    }

    /** The Hub address in use (the field on the page). */
    public StringProperty hubAddressProperty() {
        return hubAddress;
    }

    /**
     * How a new address becomes clients, and how it is remembered (hub.json); without it the address is fixed.
     */
    public void addressChanges(java.util.function.Function<dev.breakeven.core.library.HubEndpoint, Access> connect,
                               java.util.function.Consumer<String> save) {
        this.connect = connect;
        this.saveAddress = save;
    }

    /** Switches to another Hub (a mirror, a test server); the token stays, sent only over https to that host. */
    public void useHub(String address) {
        if (connect == null) {
            status.set("The Hub address is fixed here");
            return;
        }
        dev.breakeven.core.library.HubEndpoint endpoint;
        try {
            endpoint = new dev.breakeven.core.library.HubEndpoint(java.net.URI.create(address.strip()),
                    hub.endpoint().token());
        } catch (IllegalArgumentException | NullPointerException e) {
            status.set("Not a Hub address: " + address + " (an http(s) URL, e.g. https://huggingface.co)");
            return;
        }
        Access access = connect.apply(endpoint);
        hub = access.hub();
        remote = access.remote();
        downloader = access.downloader();
        hubAddress.set(endpoint.baseUrl().toString());
        repos.clear();
        files.clear();
        saveAddress.accept(endpoint.baseUrl().toString());
        status.set("Searching " + endpoint.hostLabel() + " from now on");
    }

    public String hubLabel() {
        return hub.endpoint().hostLabel();
    }

    public void contextLength(int tokens) {
        this.contextLength = Math.max(256, tokens);
    }

    /** Called on the UI side after a download finished (the page rescans the library). */
    public void onDownloaded(Runnable action) {
        this.onDownloaded = action;
    }

    /** Shows {@code repo}, lists its files and plans {@code file}: where the Fit page's "Get this model" lands. */
    public void open(String repo, String file) {
        pendingFile = file;
        HubRepo shown = new HubRepo(repo, 0, 0, "", List.of());
        repos.setAll(shown);
        selectedRepo.set(null);
        selectedRepo.set(shown);
    }

    public void search(String text) {
        if (text == null || text.isBlank()) {
            status.set("Type part of a model name, e.g. qwen3 8b");
            return;
        }
        busy.set(true);
        status.set("Searching " + hubLabel() + " for '" + text.strip() + "'…");
        tasks.background().execute(() -> {
            try {
                List<HubRepo> found = hub.search(text, 30);
                tasks.onUi(() -> {
                    repos.setAll(found);
                    files.clear();
                    status.set(found.isEmpty() ? "No GGUF repositories match '" + text.strip() + "'"
                            : found.size() + " repositories; pick one to see its files");
                    busy.set(false);
                });
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        });
    }

    private void listFiles(String repo) {
        busy.set(true);
        status.set("Listing the files of " + repo + "…");
        tasks.background().execute(() -> {
            try {
                HardwareTarget target = machine.get();
                List<FileRow> rows = hub.ggufFiles(repo).stream().filter(f -> !f.projector())
                        .map(f -> new FileRow(f, PlanSummary.quickFit(f.sizeBytes(), target))).toList();
                tasks.onUi(() -> {
                    files.setAll(rows);
                    status.set(rows.isEmpty() ? repo + " has no GGUF model files"
                            : rows.size() + " files; pick one to plan it exactly from its header");
                    busy.set(false);
                    String wanted = pendingFile;
                    pendingFile = null;
                    if (wanted != null) {
                        rows.stream().filter(r -> r.file().name().equals(wanted) || r.file().parts().contains(wanted))
                                .findFirst().ifPresentOrElse(selectedFile::set,
                                        () -> status.set(repo + " has no file " + wanted + " (any more); pick another"));
                    }
                });
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        });
    }

    private void planFile(FileRow row) {
        busy.set(true);
        plan.set(null);
        planText.set("Reading the header of " + row.name() + "…");
        String repo = selectedRepo.get().id();
        int ctx = contextLength;
        tasks.background().execute(() -> {
            try {
                RemoteGguf.Result result = remote.read(hub.fileUrl(repo, row.file().name()));
                PlanSummary summary = PlanSummary.plan(result.model(), machine.get(), ctx);
                List<String> lines = new java.util.ArrayList<>(summary.lines());
                lines.add(String.format(Locale.ROOT, "Read %.2f MB of headers to plan a %.2f GB download (%d tokens of context)",
                        result.bytesRead() / 1e6, result.fileBytes() / 1e9, ctx));
                lines.addAll(result.notes());
                tasks.onUi(() -> {
                    plan.set(summary);
                    planText.set(String.join("\n", lines));
                    status.set("Planned " + row.name());
                    busy.set(false);
                });
            } catch (IOException | RuntimeException e) {
                tasks.onUi(() -> planText.set(e.getMessage()));
                fail(e);
            }
        });
    }

    /** Downloads the selected file (every shard), checked against the SHA-256 the Hub lists. */
    public void downloadSelected() {
        FileRow row = selectedFile.get();
        HubRepo repo = selectedRepo.get();
        if (row == null || repo == null || downloading.get()) {
            return;
        }
        downloading.set(true);
        cancel.set(false);
        progress.set(0);
        status.set("Downloading " + row.name() + "…");
        tasks.background().execute(() -> {
            try {
                long total = row.file().sizeBytes();
                long before = 0;
                boolean verified = true;
                for (String part : row.file().parts()) {
                    long base = before;
                    DownloadRequest request = new DownloadRequest(repo.id(), part, "main",
                            row.file().sha256Of(part).orElse(null), downloads, hub.endpoint().token());
                    HuggingFaceDownloader.Downloaded done = downloader.downloadChecked(request, p -> {
                        double fraction = total > 0 ? (double) (base + p.bytes()) / total : -1;
                        String text = String.format(Locale.ROOT, "%s: %.1f of %.1f MB · %.1f MB/s", row.name(),
                                (base + p.bytes()) / 1e6, total / 1e6, p.bytesPerSecond() / 1e6);
                        tasks.onUi(() -> {
                            progress.set(fraction);
                            status.set(text);
                        });
                    }, cancel::get);
                    verified &= done.verified();
                    before += java.nio.file.Files.size(done.path());
                }
                boolean checked = verified;
                tasks.onUi(() -> {
                    progress.set(1);
                    downloading.set(false);
                    status.set("Downloaded " + row.name() + (checked ? " (SHA-256 checked)"
                            : " — not verified: the Hub published no SHA-256"));
                    onDownloaded.run();
                });
            } catch (DownloadException e) {
                tasks.onUi(() -> {
                    downloading.set(false);
                    status.set(e.getMessage());
                });
            } catch (IOException | RuntimeException e) {
                tasks.onUi(() -> downloading.set(false));
                fail(e);
            }
        });
    }

    public void cancelDownload() {
        cancel.set(true);
    }

    private void fail(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        tasks.onUi(() -> {
            status.set(message);
            busy.set(false);
        });
    }
}
