package dev.breakeven.ui.runtime;

import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;

import static dev.breakeven.ui.common.Labels.muted;
import static dev.breakeven.ui.common.Labels.section;

/**
 * The Runtime page: the llama.cpp servers the app can run models with, the build it recommends for this machine
 * and why, and install (with progress and cancel), use, remove, and adding a folder you already have.
 */
public final class RuntimePage implements Page {
    private final RuntimeViewModel model;
    private final VBox root = new VBox(14);
    private boolean shown;

    public RuntimePage(RuntimeViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public PageId id() {
        return PageId.RUNTIME;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        if (!shown) {
            shown = true;
            model.refresh();
            model.checkRelease(); // the recommendation and its reason, without a click; offline it says so
        }
    }

    private void build() {
        root.getStyleClass().addAll("page", "runtime-page");
        Label title = new Label(PageId.RUNTIME.title());
        title.getStyleClass().add("page-title");
        Label intro = new Label("A current llama.cpp (llama-server) with the GPU backend for this machine, from the "
                + "official ggml-org/llama.cpp releases. Each archive is checked against its published SHA-256 and "
                + "smoke-started before it becomes current; the one before stays until then. See docs/runtime.md.");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap rather than cut with "…"
        intro.getStyleClass().add("muted");
        root.getChildren().addAll(title, intro, installCard(), listCard());
    }

    private Node installCard() {
        ComboBox<RuntimeViewModel.BackendOption> backend = new ComboBox<>(model.backendOptions());
        backend.setId("runtime-backend");
        backend.valueProperty().bindBidirectional(model.backendProperty());
        Button check = new Button("Check latest release");
        check.setId("runtime-check");
        check.setOnAction(e -> model.checkRelease());
        Button install = new Button("Install");
        install.setId("runtime-install");
        install.getStyleClass().add("accent");
        install.setOnAction(e -> model.install());
        Button fromFile = new Button("Install from file …");
        fromFile.setId("runtime-install-file");
        fromFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("A llama.cpp release archive");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("llama.cpp archive", "*.zip", "*.tar.gz", "*.tgz"));
            File file = chooser.showOpenDialog(root.getScene() != null ? root.getScene().getWindow() : null);
            if (file != null) {
                model.installFile(file.toPath());
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("runtime-cancel");
        cancel.setOnAction(e -> model.cancel());
        check.disableProperty().bind(model.busyProperty());
        install.disableProperty().bind(model.busyProperty());
        fromFile.disableProperty().bind(model.busyProperty());
        cancel.disableProperty().bind(model.busyProperty().not());

        Label recommendation = new Label();
        recommendation.setId("runtime-recommendation");
        recommendation.textProperty().bind(model.recommendationProperty());
        Label reason = new Label();
        reason.setId("runtime-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(model.reasonProperty());
        ProgressBar bar = new ProgressBar(0);
        bar.setId("runtime-progress");
        bar.setPrefWidth(320);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty()); // no empty gap before the status once done
        Label status = new Label();
        status.setId("runtime-status");
        status.textProperty().bind(model.statusProperty());
        Label error = new Label();
        error.setId("runtime-error");
        error.setWrapText(true);
        error.getStyleClass().add("error");
        error.setStyle("-fx-text-fill: #b3261e;");
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(Bindings.isNotEmpty(model.errorProperty()));
        error.managedProperty().bind(error.visibleProperty());

        Label allocated = new Label();
        allocated.setId("runtime-allocations");
        allocated.setWrapText(true);
        allocated.getStyleClass().add("muted");
        allocated.textProperty().bind(model.allocationsProperty());
        return new VBox(8, section("Install"),
                new HBox(8, muted("Backend"), backend, check, install, fromFile, cancel),
                recommendation, reason, new HBox(8, bar, status), error, allocated);
    }

    private Node listCard() {
        ListView<RuntimeEntry> list = new ListView<>(model.runtimes());
        list.setId("runtime-list");
        list.setPrefHeight(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RuntimeEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : RuntimeViewModel.describe(item));
            }
        });
        list.setPlaceholder(new Label("No runtime yet: Install fetches one for this machine."));
        Button use = new Button("Use");
        use.setId("runtime-use");
        use.setOnAction(e -> model.use(list.getSelectionModel().getSelectedItem()));
        Button remove = new Button("Remove");
        remove.setId("runtime-remove");
        remove.setOnAction(e -> model.remove(list.getSelectionModel().getSelectedItem()));
        use.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Button add = new Button("Add a folder …");
        add.setId("runtime-add-folder");
        add.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(root.getScene() != null ? root.getScene().getWindow() : null);
            if (dir != null) {
                model.addFolder(dir.toPath());
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("runtime-refresh");
        refresh.setOnAction(e -> model.refresh());
        return new VBox(8, section("Runtimes"), list, new HBox(8, use, remove, add, refresh),
                muted("● marks the current runtime. A runtime on the PATH or in an added folder is used as it is."));
    }
}
