package dev.breakeven.ui.hardware;

import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.GpuReference;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Optional;

import static dev.breakeven.ui.common.Labels.section;

/** The Hardware page: headline tiles, a details table with each figure's source, and the user's overrides. */
public final class HardwarePage implements Page {
    private static final double TILE_WIDTH = 220;
    private static final double TILE_HEIGHT = 150;

    private final HardwareViewModel model;
    private final VBox root = new VBox();
    // Tiles are built when the first profile arrives: the window opens sooner and never shows empty tiles.
    private final FlowPane tiles = new FlowPane(12, 12);
    private Tile cpuTile;
    private Tile coresTile;
    private Tile ramTile;
    private Tile bandwidthTile;
    private Tile gpuTile;
    private final ObservableList<FigureRow> rows = FXCollections.observableArrayList();
    private final VBox notes = new VBox(6);
    private final VBox whatIfList = new VBox(4);
    private final ComboBox<GpuInfo> gpuChoice = new ComboBox<>();
    private boolean detectedOnce;

    public HardwarePage(HardwareViewModel model) {
        this.model = model;
        root.getStyleClass().addAll("page", "hardware-page");
        root.getStylesheets().add(HardwarePage.class.getResource("/dev/breakeven/ui/hardware/hardware.css").toExternalForm());
        Label title = new Label(PageId.HARDWARE.title());
        title.getStyleClass().add("page-title");

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        Label detecting = new Label("Detecting hardware…");
        detecting.getStyleClass().add("muted");
        HBox progress = new HBox(8, spinner, detecting);
        progress.setId("hardware-progress");
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(model.detectingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button redetect = new Button("Detect again");
        redetect.setId("hardware-redetect");
        redetect.disableProperty().bind(model.detectingProperty());
        redetect.setOnAction(e -> model.detect());
        HBox header = new HBox(16, title, progress, redetect);
        header.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        tiles.setId("hardware-tiles");

        root.getChildren().addAll(header, problem, tiles, notes, section("Details"), table(), section("Your figures"),
                bandwidthEditor(), gpuEditor(), section("Calibrate"), CalibrationSection.build(model.calibration()),
                section("What-if cards"), whatIfEditor(), whatIfList);
        model.profile().addListener((obs, old, now) -> show(now));
        model.overridesNoteProperty().addListener((obs, old, now) -> show(model.currentProfile()));
    }

    @Override
    public PageId id() {
        return PageId.HARDWARE;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        if (!detectedOnce) {
            detectedOnce = true;
            model.detect();
        }
    }

    public HardwareViewModel model() {
        return model;
    }

    private void show(HardwareProfile p) {
        if (p == null) {
            return;
        }
        if (cpuTile == null) {
            cpuTile = tile("CPU");
            coresTile = tile("Cores / threads");
            ramTile = tile("RAM");
            bandwidthTile = tile("RAM bandwidth");
            gpuTile = tile("GPU");
            tiles.getChildren().setAll(cpuTile, coresTile, ramTile, bandwidthTile, gpuTile);
        }
        cpuTile.setDescription(p.cpu().model());
        cpuTile.setText(p.cpu().flags().isEmpty() ? "" : String.join(" ", p.cpu().flags()));
        coresTile.setDescription(p.cpu().physicalCores() + " / " + p.cpu().logicalCores());
        coresTile.setText("physical cores / threads");
        ramTile.setDescription(Figures.gib(p.memory().totalBytes()));
        ramTile.setText(Figures.gib(p.memory().availableBytes()) + " available");
        bandwidthTile.setDescription(Figures.gbps(p.memory().bandwidthGBps()));
        bandwidthTile.setText(p.memory().bandwidthSource() == null ? "enter it below or measure it"
                : p.memory().bandwidthSource().json() + measuredDate());
        List<GpuInfo> detectedGpus = p.detectedGpus();
        if (detectedGpus.isEmpty()) {
            gpuTile.setDescription("No GPU detected");
            gpuTile.setText("Models run on the CPU and RAM");
        } else {
            GpuInfo first = detectedGpus.getFirst();
            gpuTile.setDescription((detectedGpus.size() > 1 ? detectedGpus.size() + " × " : "") + first.name());
            gpuTile.setText(Figures.gib(first.vramTotalBytes()) + (first.unifiedMemory() ? " usable" : " VRAM"));
        }
        rows.setAll(Figures.rows(p));
        notes.getChildren().clear();
        if (detectedGpus.isEmpty()) {
            notes.getChildren().add(notice("No GPU detected — models run on the CPU and RAM. Their speed follows the RAM "
                    + "bandwidth" + (p.memory().bandwidthGBps() == null ? ", which could not be read: enter it below." : ".")));
        }
        for (String note : p.notes()) {
            notes.getChildren().add(notice(note));
        }
        if (!model.overridesNoteProperty().get().isEmpty()) {
            notes.getChildren().add(notice(model.overridesNoteProperty().get()));
        }
        gpuChoice.getItems().setAll(detectedGpus);
        if (!detectedGpus.isEmpty() && gpuChoice.getValue() == null) {
            gpuChoice.getSelectionModel().selectFirst();
        }
        whatIfList.getChildren().clear();
        for (GpuInfo card : p.gpus()) {
            if (card.source() == FigureSource.USER) {
                Label name = new Label(card.name() + " — " + Figures.gib(card.vramTotalBytes()) + ", "
                        + Figures.gbps(card.bandwidthGBps()));
                Button remove = new Button("Remove");
                remove.setOnAction(e -> model.removeWhatIf(card.catalogId()));
                HBox row = new HBox(8, name, remove);
                row.setAlignment(Pos.CENTER_LEFT);
                row.getStyleClass().add("what-if-row");
                whatIfList.getChildren().add(row);
            }
        }
    }

    private TableView<FigureRow> table() {
        TableView<FigureRow> table = new TableView<>(rows);
        table.setId("hardware-details");
        TableColumn<FigureRow, String> figure = new TableColumn<>("Figure");
        figure.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().figure()));
        TableColumn<FigureRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        TableColumn<FigureRow, String> source = new TableColumn<>("Source");
        source.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sourceText()));
        source.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("source-measured", "source-catalog", "source-user");
                setText(empty || item == null ? null : item);
                if (!empty && item != null) {
                    switch (item) {
                        case "detected" -> getStyleClass().add("source-measured");
                        case "catalog" -> getStyleClass().add("source-catalog");
                        case "user" -> getStyleClass().add("source-user");
                        default -> { }
                    }
                }
            }
        });
        figure.prefWidthProperty().bind(table.widthProperty().multiply(0.34));
        value.prefWidthProperty().bind(table.widthProperty().multiply(0.46));
        source.prefWidthProperty().bind(table.widthProperty().multiply(0.16));
        table.getColumns().setAll(List.of(figure, value, source));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(26);
        table.prefHeightProperty().bind(Bindings.size(rows).multiply(26).add(32));
        // The page sits in a ScrollPane that fits its height: without a min height the table would be squeezed.
        table.minHeightProperty().bind(table.prefHeightProperty());
        table.setPlaceholder(new Label("Detecting…"));
        return table;
    }

    /** " 2026-12-07" when the bandwidth shown is this machine's measurement. */
    private String measuredDate() {
        var measured = model.overridesProperty().get().measuredBandwidth();
        return measured == null || model.overridesProperty().get().memoryBandwidthGBps() != null ? "" : " " + measured.date();
    }

    private Node bandwidthEditor() {
        TextField field = new TextField();
        field.setId("ram-bandwidth-field");
        field.setPromptText("e.g. 83.2");
        field.setPrefColumnCount(8);
        Label error = errorLabel("ram-bandwidth-error");
        Button apply = new Button("Set");
        apply.setId("ram-bandwidth-apply");
        Runnable submit = () -> showResult(error, field, model.setMemoryBandwidth(field.getText()));
        apply.setOnAction(e -> submit.run());
        field.setOnAction(e -> submit.run());
        field.textProperty().addListener((obs, old, now) -> liveCheck(error, field,
                NumberInput.parse(now, HardwareViewModel.MAX_BANDWIDTH_GBPS, "GB/s")));
        Label hint = new Label("RAM bandwidth (GB/s) — channels × 8 bytes × MT/s, e.g. dual-channel DDR5-5200 = 83.2. Empty clears it."
                + " Or let the app measure it: all cores stream through RAM for a few seconds.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // all its lines, not one ending in "…"
        HBox row = new HBox(8, new Label("RAM bandwidth"), field, apply, error);
        row.setAlignment(Pos.CENTER_LEFT);
        Button measure = new Button("Measure");
        measure.setId("ram-bandwidth-measure");
        measure.disableProperty().bind(model.measuringProperty());
        measure.setOnAction(e -> model.measureBandwidth());
        Label status = new Label();
        status.setId("ram-bandwidth-measure-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.measureStatusProperty());
        HBox measureRow = new HBox(8, measure, status);
        measureRow.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, hint, measureRow);
    }

    private Node gpuEditor() {
        gpuChoice.setId("gpu-override-choice");
        gpuChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(GpuInfo gpu) {
                return gpu == null ? "" : gpu.name();
            }

            @Override
            public GpuInfo fromString(String text) {
                return null;
            }
        });
        TextField vram = numberField("VRAM GiB");
        TextField bandwidth = numberField("GB/s");
        TextField watts = numberField("W");
        Label error = errorLabel("gpu-override-error");
        Button apply = new Button("Set");
        apply.setOnAction(e -> {
            GpuInfo gpu = gpuChoice.getValue();
            if (gpu != null) {
                Optional<String> message = model.setGpuFigures(gpu.name(), vram.getText(), bandwidth.getText(), watts.getText());
                error.setText(message.orElse(""));
            }
        });
        HBox row = new HBox(8, new Label("GPU"), gpuChoice, vram, bandwidth, watts, apply, error);
        row.setAlignment(Pos.CENTER_LEFT);
        row.disableProperty().bind(Bindings.isEmpty(gpuChoice.getItems()));
        Button reset = new Button("Reset all my figures");
        reset.setId("hardware-reset");
        reset.setOnAction(e -> model.resetOverrides());
        return new VBox(6, row, reset);
    }

    private Node whatIfEditor() {
        ComboBox<GpuReference> cards = new ComboBox<>(model.catalogCards());
        cards.setId("what-if-choice");
        cards.setPromptText("Pick a card from the catalog");
        cards.setVisibleRowCount(14);
        StringConverter<GpuReference> names = new StringConverter<>() {
            @Override
            public String toString(GpuReference card) {
                return card == null ? "" : card.name() + " (" + Figures.gib(card.vramBytes()) + ")";
            }

            @Override
            public GpuReference fromString(String text) {
                return null;
            }
        };
        cards.setConverter(names);
        cards.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(GpuReference item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : names.toString(item));
            }
        });
        Button add = new Button("Add what-if card");
        add.setId("what-if-add");
        add.disableProperty().bind(cards.valueProperty().isNull());
        add.setOnAction(e -> model.addWhatIf(cards.getValue()));
        Label hint = new Label("A card you do not own, to see what it would change. Its figures come from the catalog.");
        hint.getStyleClass().add("muted");
        HBox row = new HBox(8, cards, add);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(cards, Priority.SOMETIMES);
        return new VBox(4, row, hint);
    }

    private static void showResult(Label error, TextField field, Optional<String> message) {
        error.setText(message.orElse(""));
        field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), message.isPresent());
    }

    private static void liveCheck(Label error, TextField field, NumberInput input) {
        String message = input instanceof NumberInput.Invalid invalid ? invalid.message() : "";
        error.setText(message);
        field.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), !message.isEmpty());
    }

    private static TextField numberField(String prompt) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.setPrefColumnCount(6);
        return field;
    }

    private static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("error-text");
        return label;
    }

    private static Label notice(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("notice");
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private static Tile tile(String title) {
        Tile tile = TileBuilder.create()
                .skinType(Tile.SkinType.TEXT)
                .prefSize(TILE_WIDTH, TILE_HEIGHT)
                .title(title)
                .description("…")
                .descriptionAlignment(Pos.CENTER_LEFT)
                .textVisible(true)
                .build();
        tile.getStyleClass().add("hardware-tile");
        return tile;
    }
}
