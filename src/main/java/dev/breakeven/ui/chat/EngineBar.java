package dev.breakeven.ui.chat;

import dev.breakeven.core.engine.EngineChoice;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.ModelLibrary;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Choosing the engine: a model from the library (each listed with the engine that would run it), served by a local
 * engine process, a local server's URL, an API model (the price catalog's models of each provider with a key), or
 * the hybrid of a local engine and an API model; start with cancel and progress; the running engine's log on request.
 */
final class EngineBar extends VBox {
    private static final String BEST = "Best engine";
    private static final Map<String, Optional<EngineKind>> ENGINE_NAMES = new LinkedHashMap<>();

    static {
        ENGINE_NAMES.put(BEST, Optional.empty());
        ENGINE_NAMES.put("Built-in host", Optional.of(EngineKind.BUILTIN));
        ENGINE_NAMES.put("llama.cpp runtime", Optional.of(EngineKind.RUNTIME));
    }

    private final ComboBox<Path> models = new ComboBox<>();
    private final ComboBox<String> engineKind = new ComboBox<>();
    private final Map<Path, EngineChoice> choices = new java.util.concurrent.ConcurrentHashMap<>();
    private final TextField url = new TextField("http://127.0.0.1:8080");
    private final Spinner<Integer> context = new Spinner<>(256, 131072, 4096, 512);
    private final Label empty = new Label();
    private final javafx.beans.property.BooleanProperty noModels = new javafx.beans.property.SimpleBooleanProperty();
    private final ApiPicker apiPicker;
    private final ToggleButton local = new ToggleButton("Local model");
    private final ToggleButton external = new ToggleButton("External server");
    private final ToggleButton apiMode = new ToggleButton("API model");
    private final ToggleButton hybridMode = new ToggleButton("Hybrid (local + API)");
    private final ToggleButton sideModel = new ToggleButton("with the local model");
    private final ToggleButton sideServer = new ToggleButton("with the local server");
    private final EngineSlot slot;
    private final Executor background;
    private final Supplier<ModelLibrary> library;

    EngineBar(EngineSlot slot, Executor background, Supplier<ModelLibrary> library) {
        super(6);
        this.slot = slot;
        this.background = background;
        this.library = library;
        getStyleClass().add("card");
        ToggleGroup kind = new ToggleGroup();
        local.setToggleGroup(kind);
        external.setToggleGroup(kind);
        apiMode.setToggleGroup(kind);
        hybridMode.setToggleGroup(kind);
        apiMode.setId("chat-mode-api");
        hybridMode.setId("chat-mode-hybrid");
        local.setSelected(true);
        keepOneSelected(kind);
        ToggleGroup side = new ToggleGroup();
        sideModel.setToggleGroup(side);
        sideServer.setToggleGroup(side);
        sideModel.setSelected(true);
        sideServer.setId("chat-hybrid-server");
        keepOneSelected(side);
        apiPicker = new ApiPicker(slot.api(), background);

        models.setId("chat-model");
        models.setPromptText("Choose a GGUF model");
        models.setPrefWidth(320);
        models.setCellFactory(list -> new ModelCell());
        models.setButtonCell(new ModelCell());
        models.setOnShowing(e -> scan()); // new files appear in the list when it is opened
        models.valueProperty().addListener((obs, old, now) -> showOverride(now));
        engineKind.setId("chat-engine-kind");
        engineKind.getItems().addAll(ENGINE_NAMES.keySet());
        engineKind.setValue(BEST);
        engineKind.setOnAction(e -> rememberOverride());
        Button browse = new Button("Open file…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
            var file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                choose(file.toPath());
            }
        });
        context.setEditable(true);
        context.setPrefWidth(100);
        url.setPrefColumnCount(22);
        url.setId("chat-engine-url");

        Button load = new Button("Load");
        load.setId("chat-load");
        load.setOnAction(e -> {
            if (apiMode.isSelected()) {
                apiPicker.target().ifPresent(slot::useApi);
            } else if (hybridMode.isSelected()) {
                if (sideServer.isSelected()) {
                    apiPicker.target().ifPresent(t -> slot.useHybrid(t, new EngineSlot.LocalSide.Server(url.getText())));
                } else if (models.getValue() != null) {
                    apiPicker.target().ifPresent(t -> slot.useHybrid(t, new EngineSlot.LocalSide.Model(
                            models.getValue(), context.getValue(), ENGINE_NAMES.get(engineKind.getValue()))));
                }
            } else if (external.isSelected()) {
                slot.connectExternal(url.getText());
            } else if (models.getValue() != null) {
                slot.loadLocal(models.getValue(), context.getValue(), ENGINE_NAMES.get(engineKind.getValue()));
            }
        });
        load.disableProperty().bind(slot.loadingProperty());
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(slot.loadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> slot.cancelLoad());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(slot.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button log = new Button("Engine log");
        log.setId("chat-engine-log");
        log.disableProperty().bind(slot.logFileProperty().isNull());
        log.setOnAction(e -> EngineLogDialog.show(this, slot.logFileProperty().get(), background));

        FlowPane localRow = new FlowPane(6, 6, models, engineKind, browse, new Label("Context"), context);
        var hybridWithModel = hybridMode.selectedProperty().and(sideModel.selectedProperty());
        var hybridWithServer = hybridMode.selectedProperty().and(sideServer.selectedProperty());
        localRow.visibleProperty().bind(local.selectedProperty().or(hybridWithModel));
        localRow.managedProperty().bind(localRow.visibleProperty());
        empty.setId("chat-no-models");
        empty.setWrapText(true);
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(noModels.and(localRow.visibleProperty())); // only where a model is picked
        empty.managedProperty().bind(empty.visibleProperty());
        FlowPane externalRow = new FlowPane(6, 6, new Label("Server URL"), url);
        externalRow.visibleProperty().bind(external.selectedProperty().or(hybridWithServer));
        externalRow.managedProperty().bind(externalRow.visibleProperty());
        apiPicker.visibleProperty().bind(apiMode.selectedProperty().or(hybridMode.selectedProperty()));
        apiPicker.managedProperty().bind(apiPicker.visibleProperty());
        FlowPane sideRow = new FlowPane(6, 6, new Label("Local side:"), sideModel, sideServer);
        sideRow.visibleProperty().bind(hybridMode.selectedProperty());
        sideRow.managedProperty().bind(sideRow.visibleProperty());

        Label status = new Label();
        status.textProperty().bind(slot.statusProperty());
        status.getStyleClass().add("muted");
        status.setId("chat-engine-status");
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        error.setId("chat-engine-error");
        error.textProperty().bind(slot.errorProperty());
        error.visibleProperty().bind(slot.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Button useExternal = new Button("Use an external server instead");
        useExternal.visibleProperty().bind(slot.suggestExternalProperty());
        useExternal.managedProperty().bind(useExternal.visibleProperty());
        useExternal.setOnAction(e -> external.setSelected(true));

        getChildren().addAll(new FlowPane(6, 6, local, external, apiMode, hybridMode, load, cancel, progress, log),
                sideRow, localRow, empty, externalRow, apiPicker, status, error, useExternal);
        scan();
    }

    private static void keepOneSelected(ToggleGroup group) {
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // one is always chosen
            }
        });
    }

    /** A reopened conversation's engine choice, shown ready to load (loading starts processes: the user decides). */
    void show(dev.breakeven.core.chat.store.ChatRouting routing) {
        switch (routing.mode()) {
            case API -> apiMode.setSelected(true);
            case HYBRID -> hybridMode.setSelected(true);
            case LOCAL -> { }
        }
        if (routing.apiTarget() != null) {
            apiPicker.choose(routing.apiTarget());
        }
    }

    ApiPicker apiPicker() {
        return apiPicker;
    }

    java.util.Optional<Path> picked() {
        return java.util.Optional.ofNullable(models.getValue());
    }

    void choose(Path file) {
        if (!models.getItems().contains(file)) {
            models.getItems().add(file);
        }
        models.setValue(file);
        background.execute(() -> {
            EngineChoice choice = slot.choiceFor(file);
            choices.put(file, choice);
            javafx.application.Platform.runLater(this::refreshCells);
        });
    }

    /** The library's models, each with the engine that would run it; read off the FX thread. */
    void scan() {
        Task<Map<Path, EngineChoice>> task = new Task<>() {
            @Override
            protected Map<Path, EngineChoice> call() {
                Map<Path, EngineChoice> found = new LinkedHashMap<>();
                List<LibraryModel> scanned = library.get().scan();
                for (LibraryModel model : scanned) {
                    found.put(model.path(), slot.choiceFor(model.path()));
                }
                return found;
            }
        };
        task.setOnSucceeded(e -> {
            choices.putAll(task.getValue());
            task.getValue().keySet().stream().filter(p -> !models.getItems().contains(p)).forEach(models.getItems()::add);
            empty.setText("No models yet. Put a .gguf file in " + library.get().roots().userFolder()
                    + ", use Open file…, or find and download one on the Models page (Hugging Face has GGUF files of most"
                    + " open models; a small first one: Qwen2.5 0.5B Instruct, Q4_K_M).");
            noModels.set(models.getItems().isEmpty());
            refreshCells();
        });
        background.execute(task);
    }

    private void refreshCells() {
        models.setButtonCell(new ModelCell());
        Path value = models.getValue();
        List<Path> items = List.copyOf(models.getItems());
        models.getItems().setAll(items);
        models.setValue(value);
    }

    private void showOverride(Path model) {
        if (model == null) {
            return;
        }
        background.execute(() -> {
            Optional<EngineKind> saved = slot.overrides().get(model);
            String name = ENGINE_NAMES.entrySet().stream().filter(e -> e.getValue().equals(saved))
                    .map(Map.Entry::getKey).findFirst().orElse(BEST);
            javafx.application.Platform.runLater(() -> engineKind.setValue(name));
        });
    }

    /** The user's engine for the chosen model is kept for next time. */
    private void rememberOverride() {
        Path model = models.getValue();
        Optional<EngineKind> kind = ENGINE_NAMES.getOrDefault(engineKind.getValue(), Optional.empty());
        if (model == null) {
            return;
        }
        background.execute(() -> {
            try {
                slot.overrides().set(model, kind);
                EngineChoice choice = slot.choiceFor(model);
                choices.put(model, choice);
                javafx.application.Platform.runLater(this::refreshCells);
            } catch (IOException ignored) {
                // the choice still applies to this load; it is just not remembered
            }
        });
    }

    /** "model.gguf · runtime" or "model.gguf · none: why". */
    String describe(Path path) {
        EngineChoice choice = choices.get(path);
        return path.getFileName() + (choice == null ? "" : " · " + choice.describe());
    }

    private final class ModelCell extends ListCell<Path> {
        @Override
        protected void updateItem(Path item, boolean isEmpty) {
            super.updateItem(item, isEmpty);
            setText(isEmpty || item == null ? null : describe(item));
        }
    }
}
