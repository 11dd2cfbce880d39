package dev.breakeven.ui.library;

import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.ModelImporter;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.core.library.TransferProgress;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * State of the model library: the models found on disk, the selected one, and the running scan,
 * import or download. All file and network work runs on the background executor.
 */
public final class ModelLibraryViewModel {
    private volatile ModelLibrary library;
    private final HuggingFaceDownloader downloader;
    private final ExecutorService background;
    private final ObservableList<LibraryModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<LibraryModel> selected = new SimpleObjectProperty<>();
    private final BooleanProperty scanning = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Path> userFolder = new SimpleObjectProperty<>();
    private final ObjectProperty<Function<LibraryModel, String>> fitVerdict = new SimpleObjectProperty<>(m -> "");

    public ModelLibraryViewModel(ModelLibrary library, HuggingFaceDownloader downloader, ExecutorService background) {
        this.library = library;
        this.downloader = downloader;
        this.background = background;
        userFolder.set(library.roots().userFolder());
        // Choosing another folder rescans; the page persists the choice by listening to this property.
        userFolder.addListener((obs, old, now) -> {
            this.library = new ModelLibrary(this.library.roots().withUserFolder(now));
            refresh();
        });
    }

    /** The extra folder scanned beside models/, LM Studio, Ollama and the Hugging Face cache. */
    public ObjectProperty<Path> userFolderProperty() {
        return userFolder;
    }

    public ObservableList<LibraryModel> models() {
        return models;
    }

    public ObjectProperty<LibraryModel> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** How the fit column describes a model; the chat page sets it once the planner is wired. */
    public ObjectProperty<Function<LibraryModel, String>> fitVerdictProperty() {
        return fitVerdict;
    }

    public Path modelsFolder() {
        return library.roots().projectModels();
    }

    /** Scans the folders again (in the background). */
    public void refresh() {
        if (scanning.get()) {
            rescanWanted = true;
            return;
        }
        scanning.set(true);
        status.set("Looking for models…");
        ModelLibrary current = library;
        Task<List<LibraryModel>> task = new Task<>() {
            @Override
            protected List<LibraryModel> call() {
                return dev.breakeven.core.library.ModelHeaders.scanAndDescribe(current);
            }
        };
        task.setOnSucceeded(e -> {
            models.setAll(task.getValue());
            status.set(models.isEmpty() ? "No GGUF models found yet: download one or import a file."
                    : models.size() + (models.size() == 1 ? " model" : " models") + " on this machine");
            scanDone();
        });
        task.setOnFailed(e -> {
            status.set("Could not scan the model folders: " + task.getException().getMessage());
            scanDone();
        });
        background.submit(task);
    }

    private boolean rescanWanted;

    /** A request that came in while scanning (a new folder, a finished download) gets its own scan. */
    private void scanDone() {
        scanning.set(false);
        if (rescanWanted) {
            rescanWanted = false;
            refresh();
        }
    }

    /** A download as a Task: progress 0..1, message "12.3 of 700.0 MB · 45.6 MB/s"; cancel() keeps the .part. */
    public Task<Path> download(String repo, String file, String sha256, String token) {
        DownloadRequest request = new DownloadRequest(repo == null ? null : repo.strip(), file == null ? null : file.strip(),
                null, sha256, modelsFolder(), token);
        Task<Path> task = new TransferTask() {
            @Override
            protected Path call() throws DownloadException {
                return downloader.download(request, this::report, this::isCancelled);
            }
        };
        return submit(task, "Downloaded ");
    }

    /** Copies a GGUF file into the models folder. */
    public Task<Path> importFile(Path source) {
        Task<Path> task = new TransferTask() {
            @Override
            protected Path call() throws DownloadException {
                return ModelImporter.importFile(source, modelsFolder(), null, this::report, this::isCancelled);
            }
        };
        return submit(task, "Imported ");
    }

    private Task<Path> submit(Task<Path> task, String verb) {
        task.setOnSucceeded(e -> {
            status.set(verb + task.getValue().getFileName());
            refresh();
        });
        task.setOnFailed(e -> status.set(task.getException().getMessage()));
        task.setOnCancelled(e -> status.set("Cancelled; run the same download again to resume."));
        background.submit(task);
        return task;
    }

    /** A task that turns transfer progress into Task progress and a readable message (Task coalesces both). */
    private abstract static class TransferTask extends Task<Path> {
        void report(TransferProgress p) {
            updateProgress(p.bytes(), p.totalBytes() > 0 ? p.totalBytes() : -1);
            String of = p.totalBytes() > 0 ? " of " + megabytes(p.totalBytes()) : "";
            updateMessage(megabytes(p.bytes()) + of + " · " + megabytes((long) p.bytesPerSecond()) + "/s");
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String size(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9) : megabytes(bytes);
    }
}
