package dev.breakeven.ui.chat;

import dev.breakeven.core.models.library.LibraryModel;
import dev.breakeven.core.models.library.ModelLibrary;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** Choosing the engine: a GGUF file for the embedded llama.cpp, or a local server's URL; load with cancel. */
final class EngineBar extends VBox {
    private final ComboBox<Path> models = new ComboBox<>();
    private final TextField url = new TextField("http://127.0.0.1:8080");
    private final Spinner<Integer> context = new Spinner<>(256, 131072, 4096, 512);
    private final TextField nativeFolder = new TextField();

    EngineBar(EngineSlot slot, ExecutorService background, Supplier<ModelLibrary> library) {
        super(6);
        getStyleClass().add("card");
        ToggleGroup kind = new ToggleGroup();
        ToggleButton embedded = new ToggleButton("Embedded llama.cpp");
        ToggleButton external = new ToggleButton("External server");
        embedded.setToggleGroup(kind);
        external.setToggleGroup(kind);
        embedded.setSelected(true);
        kind.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one of the two is always chosen
            }
        });

        models.setId("chat-model");
        models.setPromptText("Choose a GGUF model");
        models.setPrefWidth(260);
        models.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path path) {
                return path == null ? "" : path.getFileName().toString();
            }

            @Override
            public Path fromString(String text) {
                return text == null || text.isBlank() ? null : Path.of(text);
            }
        });
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
        load.setDefaultButton(false);
        load.setOnAction(e -> {
            if (external.isSelected()) {
                slot.connectExternal(url.getText());
            } else if (models.getValue() != null) {
                String folder = nativeFolder.getText() == null ? "" : nativeFolder.getText().strip();
                slot.loadEmbedded(models.getValue(), context.getValue(), 0, folder.isEmpty() ? null : Path.of(folder));
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

        nativeFolder.setPromptText("Native library folder (optional, see docs/gpu-build.md)");
        nativeFolder.setPrefColumnCount(22);
        FlowPane embeddedRow = new FlowPane(6, 6, models, browse, new Label("Context"), context, nativeFolder);
        embeddedRow.visibleProperty().bind(embedded.selectedProperty());
        embeddedRow.managedProperty().bind(embeddedRow.visibleProperty());
        FlowPane externalRow = new FlowPane(6, 6, new Label("Server URL"), url);
        externalRow.visibleProperty().bind(external.selectedProperty());
        externalRow.managedProperty().bind(externalRow.visibleProperty());

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

        getChildren().addAll(new FlowPane(6, 6, embedded, external, load, cancel, progress),
                embeddedRow, externalRow, status, error, useExternal);
        scan(background, library);
    }

    void choose(Path file) {
        if (!models.getItems().contains(file)) {
            models.getItems().add(file);
        }
        models.setValue(file);
    }

    private void scan(ExecutorService background, Supplier<ModelLibrary> library) {
        Task<List<LibraryModel>> task = new Task<>() {
            @Override
            protected List<LibraryModel> call() {
                return library.get().scan();
            }
        };
        task.setOnSucceeded(e -> task.getValue().stream().map(LibraryModel::path)
                .filter(p -> !models.getItems().contains(p)).forEach(models.getItems()::add));
        background.execute(task);
    }
}
