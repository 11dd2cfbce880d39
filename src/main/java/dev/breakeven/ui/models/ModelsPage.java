package dev.breakeven.ui.models;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubHttp;
import dev.breakeven.core.hub.HubRepo;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.library.ModelHeaders;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.core.library.HubSettings;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Models page: every model on this machine with its fit, and Hugging Face search → files → exact plan from the
 * remote header → download, which lands in the same library the Chat page's picker scans.
 */
public final class ModelsPage implements Page {
    private final LocalModelsViewModel local;
    private final HubViewModel hub;
    private final VBox root = new VBox(10);
    private boolean shown;

    public ModelsPage(LocalModelsViewModel local, HubViewModel hub) {
        this.local = local;
        this.hub = hub;
        hub.onDownloaded(local::refresh);
        root.setPadding(new Insets(16));
        Label title = new Label("Models");
        title.getStyleClass().add("page-title");
        TextField context = new TextField("8192");
        context.setId("models-context");
        context.setPrefColumnCount(6);
        context.textProperty().addListener((obs, old, now) -> {
            try {
                int tokens = Integer.parseInt(now.strip());
                local.contextLength(tokens);
                hub.contextLength(tokens);
            } catch (NumberFormatException ignored) {
                // Keeps the last valid context until the field holds a number again.
            }
        });
        HBox header = new HBox(8, title, spacer(), new Label("Context (tokens)"), context);
        root.getChildren().addAll(header, localSection(), hubSection());
    }

    /** The page for this user: the Chat page's library roots, the app's downloads folder, this machine's hardware. */
    public static ModelsPage create(AppDirs dirs, ExecutorService background, Supplier<HardwareProfile> thisMachine,
                                    Consumer<Path> openInChat) {
        Path downloads = dirs.data().resolve("models");
        // The same roots as the Chat page's picker, so a download shows there too.
        Supplier<ModelLibrary> library = () -> new ModelLibrary(LibraryRoots.forCurrentUser(Path.of("models"), downloads));
        // The catalog and planner constants load once, in the background; the profile is asked each time, so the
        // fits follow the Hardware page's corrections.
        Supplier<GpuCatalog> gpus = memo(GpuCatalog::load);
        Supplier<Double> fallback = memo(() -> FitPlanner.standard().memory().constants().fallbackHostBandwidthGBps());
        Supplier<HardwareTarget> machine = () -> HardwareTargets.fromProfile(thisMachine.get(), gpus.get(), fallback.get());
        TaskExecutor tasks = TaskExecutor.fx(background);
        HubEndpoint endpoint;
        try {
            endpoint = HubSettings.endpoint(null, System.getenv(), dirs.settings());
        } catch (IllegalArgumentException badAddress) {
            // A malformed HF_ENDPOINT or hub.json must not take the page down; the page title shows the host used.
            endpoint = HubEndpoint.fromEnvironment(java.util.Map.of(), dirs.settings());
        }
        LocalModelsViewModel local = new LocalModelsViewModel(library, downloads, machine, tasks);
        local.openInChatProperty().set(openInChat);
        HubViewModel hub = new HubViewModel(HubClient.standard(endpoint), RemoteGguf.standard(endpoint),
                new HuggingFaceDownloader(HubHttp.client(), endpoint.baseUrl(), 5, Duration.ofSeconds(2)), downloads,
                machine, tasks);
        hub.addressChanges(chosen -> new HubViewModel.Access(HubClient.standard(chosen), RemoteGguf.standard(chosen),
                        new HuggingFaceDownloader(HubHttp.client(), chosen.baseUrl(), 5, Duration.ofSeconds(2))),
                address -> tasks.run(() -> {
                    new HubSettings(address).save(dirs.settings());
                    return address;
                }, saved -> { }, e -> hub.statusProperty().set("Could not save the Hub address: " + e.getMessage())));
        return new ModelsPage(local, hub);
    }

    /** Loads once, on the first background use. */
    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }

    private Node localSection() {
        Label title = new Label("On this machine");
        title.getStyleClass().add("section-title");
        Button refresh = button("Refresh", "models-refresh", local::refresh);
        Button importButton = button("Import file…", "models-import", this::chooseAndImport);
        Button reveal = button("Show in folder", "models-reveal", local::revealSelected);
        Button delete = button("Delete", "models-delete", local::deleteSelected);
        Button chat = button("Open in Chat", "models-open-chat", local::openSelectedInChat);
        reveal.disableProperty().bind(local.selectedProperty().isNull());
        chat.disableProperty().bind(local.selectedProperty().isNull());
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> local.selectedProperty().get() == null || !local.selectedProperty().get().downloadedByApp(),
                local.selectedProperty()));
        Label status = new Label();
        status.setId("models-local-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(local.statusProperty());

        TableView<LocalModelsViewModel.Row> table = new TableView<>(local.rows());
        table.setId("models-local");
        table.setPlaceholder(new Label("No models yet: search Hugging Face below, or import a GGUF file"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        table.getColumns().add(column("Name", r -> r.model().displayName(), 220));
        table.getColumns().add(column("Origin", r -> r.model().origin().displayName(), 110));
        table.getColumns().add(column("Architecture", r -> r.model().architecture(), 90));
        table.getColumns().add(column("Params", r -> ModelHeaders.parameterLabel(r.model().parameterCount()), 60));
        table.getColumns().add(column("Quant", r -> r.model().problem() != null ? "unreadable" : r.model().quantization(), 70));
        table.getColumns().add(column("Size", r -> String.format(Locale.ROOT, "%.2f GB", r.model().sizeBytes() / 1e9), 70));
        table.getColumns().add(column("Fit here", LocalModelsViewModel.Row::fit, 220));
        table.getColumns().add(column("Engine", LocalModelsViewModel.Row::engine, 150));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(LocalModelsViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null : new Tooltip(dev.breakeven.core.library.DisplayText
                        .sanitize(item.model().path().toString()) + (item.model().problem() == null ? ""
                        : "\n" + item.model().problem())));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> local.selectedProperty().set(now));
        HBox toolbar = new HBox(8, refresh, importButton, reveal, delete, chat, spacer(), status);
        return new VBox(6, title, toolbar, table);
    }

    private Node hubSection() {
        Label title = new Label("Hugging Face");
        title.getStyleClass().add("section-title");
        TextField address = new TextField();
        address.setId("models-hub-address");
        address.setPrefColumnCount(24);
        address.setText(hub.hubAddressProperty().get());
        hub.hubAddressProperty().addListener((obs, old, now) -> address.setText(now));
        address.setTooltip(new Tooltip("The Hub or a mirror; HF_ENDPOINT sets it too. HF_TOKEN (or the settings' "
                + HubEndpoint.KEY_FILE + " file) is sent only over https to this host."));
        Button use = button("Use", "models-hub-use", () -> hub.useHub(address.getText()));
        address.setOnAction(e -> hub.useHub(address.getText()));
        HBox titleRow = new HBox(8, title, spacer(), new Label("Hub address"), address, use);
        TextField query = new TextField();
        query.setId("models-search");
        query.setPromptText("Search GGUF models, e.g. qwen3 8b");
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = button("Search", "models-search-button", () -> hub.search(query.getText()));
        query.setOnAction(e -> hub.search(query.getText()));

        ListView<HubRepo> repos = new ListView<>(hub.repos());
        repos.setId("models-repos");
        repos.setPrefWidth(300);
        repos.setPrefHeight(220);
        repos.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(HubRepo item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%s  (%,d downloads)",
                        dev.breakeven.core.library.DisplayText.sanitize(item.id()), item.downloads()));
            }
        });
        repos.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> hub.selectedRepoProperty().set(now));

        TableView<HubViewModel.FileRow> files = new TableView<>(hub.files());
        files.setId("models-files");
        files.setPlaceholder(new Label("Pick a repository"));
        files.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        files.setPrefHeight(220);
        files.getColumns().add(column("File", HubViewModel.FileRow::name, 260));
        files.getColumns().add(column("Quant", r -> r.file().quant(), 70));
        files.getColumns().add(column("Size", HubViewModel.FileRow::size, 110));
        files.getColumns().add(column("Fit (by size)", HubViewModel.FileRow::quickFit, 120));
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> hub.selectedFileProperty().set(now));
        // A file chosen elsewhere (the Fit page's "Get this model") shows as selected too.
        hub.selectedFileProperty().addListener((obs, old, now) -> {
            if (now != null && files.getSelectionModel().getSelectedItem() != now) {
                files.getSelectionModel().select(now);
            }
        });
        hub.selectedRepoProperty().addListener((obs, old, now) -> {
            if (now != null && repos.getSelectionModel().getSelectedItem() != now) {
                repos.getSelectionModel().select(now);
            }
        });
        HBox.setHgrow(files, Priority.ALWAYS);

        TextArea plan = new TextArea();
        plan.setId("models-plan");
        plan.setEditable(false);
        plan.setWrapText(true);
        plan.setPrefRowCount(7);
        plan.setPromptText("Pick a file: its plan on this machine is read from the file's header (a few MB), before any download");
        plan.textProperty().bind(hub.planTextProperty());

        Button download = button("Download", "models-download", hub::downloadSelected);
        download.disableProperty().bind(hub.selectedFileProperty().isNull().or(hub.downloadingProperty()));
        Button cancel = button("Cancel", "models-cancel", hub::cancelDownload);
        cancel.disableProperty().bind(hub.downloadingProperty().not());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("models-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(hub.progressProperty());
        Label status = new Label();
        status.setId("models-hub-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(hub.statusProperty());
        HBox actions = new HBox(8, download, cancel, progress, status);
        return new VBox(6, titleRow, new HBox(8, query, search), new HBox(8, repos, files), plan, actions);
    }

    private void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a GGUF model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            local.importFile(file.toPath());
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleStringProperty(
                value.apply(cell.getValue()) == null ? "" : value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    public LocalModelsViewModel local() {
        return local;
    }

    public HubViewModel hub() {
        return hub;
    }

    @Override
    public PageId id() {
        return PageId.MODELS;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        if (!shown) {
            shown = true;
            local.refresh();
        }
    }
}
