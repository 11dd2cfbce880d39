package dev.breakeven.ui.models;

import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.hub.PlanSummary;
import dev.breakeven.core.library.ModelHeaders;
import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.ModelImporter;
import dev.breakeven.core.library.ModelLibrary;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.breakeven.ui.common.TaskExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The models on this machine (the library scan: models/, the app's downloads, LM Studio, Ollama, the Hugging Face
 * cache), each with its fit on this machine, and what can be done with one: open in Chat, reveal, import, delete
 * (only what the app downloaded). Work runs through the {@link TaskExecutor} (in the background, results on the FX
 * thread in the app; inline in tests), so this class needs no FX toolkit.
 */
public final class LocalModelsViewModel {
    /** One row of the table. */
    public record Row(LibraryModel model, String fit, boolean downloadedByApp) {
        public String engine() {
            return model.problem() != null ? "" : "llama.cpp (local process)";
        }
    }

    private final Supplier<ModelLibrary> library;
    private final Path downloads;
    private final Supplier<HardwareTarget> machine;
    private final TaskExecutor tasks;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Consumer<Path>> openInChat = new SimpleObjectProperty<>(p -> { });
    private final ObjectProperty<Consumer<Path>> reveal = new SimpleObjectProperty<>(FileManager::reveal);
    private volatile int contextLength = 8192;

    public LocalModelsViewModel(Supplier<ModelLibrary> library, Path downloads, Supplier<HardwareTarget> machine,
                                TaskExecutor tasks) {
        this.library = library;
        this.downloads = downloads;
        this.machine = machine;
        this.tasks = tasks;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Where "Open in Chat" goes; the app wires it to the Chat page. */
    public ObjectProperty<Consumer<Path>> openInChatProperty() {
        return openInChat;
    }

    /** How a file is shown in the file manager; tests replace it. */
    public ObjectProperty<Consumer<Path>> revealProperty() {
        return reveal;
    }

    /** The folder the app downloads into (and the only one it deletes from). */
    public Path downloads() {
        return downloads;
    }

    public void contextLength(int tokens) {
        this.contextLength = Math.max(256, tokens);
    }

    /** Scans and plans in the background; the table follows. */
    public void refresh() {
        status.set("Looking for models…");
        int ctx = contextLength;
        tasks.background().execute(() -> {
            List<Row> found = new ArrayList<>();
            String problem = null;
            try {
                HardwareTarget target = machine.get();
                for (LibraryModel model : ModelHeaders.scanAndDescribe(library.get())) {
                    found.add(new Row(model, fitOf(model, target, ctx), isDownloaded(model.path())));
                }
            } catch (RuntimeException e) {
                problem = "Could not scan the model folders: " + e.getMessage();
            }
            String message = problem;
            tasks.onUi(() -> {
                rows.setAll(found);
                status.set(message != null ? message : found.isEmpty()
                        ? "No GGUF models yet: search Hugging Face below, or import a file."
                        : found.size() + (found.size() == 1 ? " model" : " models") + " on this machine");
            });
        });
    }

    private static String fitOf(LibraryModel model, HardwareTarget target, int ctx) {
        if (model.problem() != null) {
            return "unreadable";
        }
        try {
            return PlanSummary.plan(dev.breakeven.core.hub.RemoteGguf.readLocal(model.path()), target, ctx).shortText();
        } catch (RuntimeException e) {
            return "cannot plan: " + e.getMessage();
        }
    }

    boolean isDownloaded(Path path) {
        try {
            return path.toAbsolutePath().normalize().startsWith(downloads.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void openSelectedInChat() {
        Row row = selected.get();
        if (row != null) {
            openInChat.get().accept(row.model().path());
        }
    }

    public void revealSelected() {
        Row row = selected.get();
        if (row != null) {
            reveal.get().accept(row.model().path());
        }
    }

    /** Deletes the selected model (every shard) when the app downloaded it; refuses anything else. */
    public void deleteSelected() {
        Row row = selected.get();
        if (row == null) {
            return;
        }
        if (!row.downloadedByApp()) {
            status.set(row.model().displayName() + " was not downloaded by Breakeven; delete it where it came from ("
                    + row.model().origin().displayName() + ")");
            return;
        }
        tasks.background().execute(() -> {
            String message;
            try {
                for (Path part : shards(row.model())) {
                    Files.deleteIfExists(part);
                }
                message = "Deleted " + row.model().displayName();
            } catch (IOException e) {
                message = "Could not delete " + row.model().displayName() + ": " + e.getMessage();
            }
            String done = message;
            tasks.onUi(() -> {
                selected.set(null);
                refresh();
                status.set(done);
            });
        });
    }

    private static List<Path> shards(LibraryModel model) {
        String name = model.path().getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(name);
        if (!m.matches()) {
            return List.of(model.path());
        }
        List<Path> parts = new ArrayList<>();
        int count = Integer.parseInt(m.group(3));
        for (int i = 1; i <= count; i++) {
            parts.add(model.path().resolveSibling(String.format("%s-%05d-of-%s.gguf", m.group(1), i, m.group(3))));
        }
        return parts;
    }

    /** Copies a GGUF file into the app's models folder, then rescans. */
    public void importFile(Path source) {
        status.set("Importing " + source.getFileName() + "…");
        tasks.background().execute(() -> {
            String message;
            try {
                Path copied = ModelImporter.importFile(source, downloads, null, p -> { }, () -> false);
                message = "Imported " + copied.getFileName();
            } catch (DownloadException e) {
                message = e.getMessage();
            }
            String done = message;
            tasks.onUi(() -> {
                refresh();
                status.set(done);
            });
        });
    }
}
