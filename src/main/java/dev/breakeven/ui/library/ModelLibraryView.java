package dev.breakeven.ui.library;

import dev.breakeven.core.library.ModelHeaders;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.LibrarySettings;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.function.Function;

/**
 * The model library as a reusable node for the Chat page: a table of the models on disk (name, origin,
 * size, quant, parameters, fit), refresh/import buttons and the download pane. Embed {@link #node()} and
 * follow {@link #selectedModelProperty()}.
 */
public final class ModelLibraryView {
    private final ModelLibraryViewModel model;
    private final VBox root = new VBox(8);
    private final TableView<LibraryModel> table = new TableView<>();
    private java.nio.file.Path lastSelected;

    public ModelLibraryView(ModelLibraryViewModel model) {
        this.model = model;
        Label title = new Label("Model library");
        title.getStyleClass().add("section-title");

        Button refresh = new Button("Refresh");
        refresh.setId("library-refresh");
        refresh.disableProperty().bind(model.scanningProperty());
        refresh.setOnAction(e -> model.refresh());
        Button importButton = new Button("Import file…");
        importButton.setId("library-import");
        importButton.setOnAction(e -> chooseAndImport());
        Button folder = new Button("Add folder…");
        folder.setId("library-folder");
        folder.setOnAction(e -> chooseFolder());
        Label folderLabel = new Label();
        folderLabel.getStyleClass().add("muted");
        folderLabel.textProperty().bind(Bindings.createStringBinding(() -> model.userFolderProperty().get() == null
                ? "" : "also scanning " + model.userFolderProperty().get(), model.userFolderProperty()));
        Label status = new Label();
        status.setId("library-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, refresh, importButton, folder, folderLabel, spacer, status);

        buildTable();
        DownloadPane download = new DownloadPane(model);

        root.getChildren().addAll(title, toolbar, table, download.node());
        root.getStyleClass().add("model-library");
        VBox.setVgrow(table, Priority.ALWAYS);
        // The view model follows the table; after a rescan the same file is selected again.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                lastSelected = now.path();
            }
            model.selectedProperty().set(now);
        });
        model.models().addListener((javafx.collections.ListChangeListener<LibraryModel>) change -> {
            if (lastSelected != null && table.getSelectionModel().getSelectedItem() == null) {
                model.models().stream().filter(m -> m.path().equals(lastSelected)).findFirst()
                        .ifPresent(m -> table.getSelectionModel().select(m));
            }
        });
    }

    /**
     * The library of this user's machine: {@code modelsFolder} (the project's models/), an optional user
     * folder, LM Studio, Ollama and the Hugging Face cache; downloads go to huggingface.co. Call
     * {@code viewModel().refresh()} when the page is shown.
     */
    public static ModelLibraryView forCurrentUser(java.nio.file.Path modelsFolder, java.nio.file.Path userFolder,
                                                  java.util.concurrent.ExecutorService background) {
        dev.breakeven.core.library.ModelLibrary library = new dev.breakeven.core.library.ModelLibrary(
                dev.breakeven.core.library.LibraryRoots.forCurrentUser(modelsFolder, userFolder));
        return new ModelLibraryView(new ModelLibraryViewModel(library,
                dev.breakeven.core.library.HuggingFaceDownloader.standard(), background));
    }

    /**
     * As {@link #forCurrentUser(java.nio.file.Path, java.nio.file.Path, java.util.concurrent.ExecutorService)} with
     * the user folder read from and saved to {@code library.json} in the settings folder.
     */
    public static ModelLibraryView withSavedFolder(java.nio.file.Path modelsFolder, java.nio.file.Path settingsDir,
                                                   java.util.concurrent.ExecutorService background) {
        LibrarySettings saved = LibrarySettings.load(settingsDir);
        ModelLibraryView view = forCurrentUser(modelsFolder, saved.userFolderPath().orElse(null), background);
        view.model.userFolderProperty().addListener((obs, old, now) -> background.submit(() -> {
            try {
                new LibrarySettings(now == null ? null : now.toString()).save(settingsDir);
            } catch (java.io.IOException e) {
                javafx.application.Platform.runLater(() -> view.model.statusProperty().set(
                        "Could not save the folder setting: " + e.getMessage()));
            }
        }));
        return view;
    }

    public Node node() {
        return root;
    }

    public ReadOnlyObjectProperty<LibraryModel> selectedModelProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    public ModelLibraryViewModel viewModel() {
        return model;
    }

    private void buildTable() {
        table.setId("library-table");
        table.setItems(model.models());
        table.setPlaceholder(new Label("No models found yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(240);
        table.getColumns().add(column("Name", LibraryModel::displayName, 220));
        table.getColumns().add(column("Origin", m -> m.origin().displayName(), 120));
        table.getColumns().add(column("Size", m -> ModelLibraryViewModel.size(m.sizeBytes()), 80));
        table.getColumns().add(column("Quant", m -> m.problem() != null ? "unreadable"
                : m.quantization() == null ? "" : m.quantization(), 80));
        table.getColumns().add(column("Params", m -> ModelHeaders.parameterLabel(m.parameterCount()), 70));
        TableColumn<LibraryModel, String> fit = new TableColumn<>("Fit");
        fit.setCellValueFactory(cell -> Bindings.createStringBinding(
                () -> model.fitVerdictProperty().get().apply(cell.getValue()), model.fitVerdictProperty()));
        fit.setPrefWidth(120);
        table.getColumns().add(fit);
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(LibraryModel item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null : new Tooltip(describe(item)));
            }
        });
    }

    private static String describe(LibraryModel m) {
        StringBuilder text = new StringBuilder(m.path().toString());
        if (m.repository() != null) {
            text.append("\n").append(m.repository());
        }
        if (m.architecture() != null) {
            text.append("\narchitecture: ").append(m.architecture());
        }
        if (m.shards() > 1) {
            text.append("\n").append(m.shards()).append(" shards");
        }
        if (m.problem() != null) {
            text.append("\n").append(m.problem());
        }
        return text.toString();
    }

    private static TableColumn<LibraryModel, String> column(String name, Function<LibraryModel, String> value, double width) {
        TableColumn<LibraryModel, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> constant(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static ObservableValue<String> constant(String value) {
        return new SimpleStringProperty(value == null ? "" : value);
    }

    private void chooseFolder() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("A folder with GGUF models");
        File dir = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (dir != null) {
            model.userFolderProperty().set(dir.toPath());
        }
    }

    private void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a GGUF model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            model.importFile(file.toPath());
        }
    }
}
