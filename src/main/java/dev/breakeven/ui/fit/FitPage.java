package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.fit.MemoryParts;
import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;

import java.nio.file.Path;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Fit page: models × quantizations coloured by where they run, with predicted decode speed; context and
 * KV type update the matrix live; a selected cell shows its memory and the plan in words.
 */
public final class FitPage implements Page {
    private final FitViewModel model;
    private final Supplier<HardwareProfile> detector;
    private final VBox root = new VBox(12);
    private final GridPane grid = new GridPane();
    private final Label detailTitle = new Label("Select a cell to see its plan.");
    private final Label detailWords = new Label();
    private final MemoryBar gpuBar = new MemoryBar("fit-gpu-bar");
    private final MemoryBar hostBar = new MemoryBar("fit-host-bar");
    private final Label fileCell = new Label();
    private final Label largest = new Label();
    private final Label advice = new Label();
    private boolean detectionStarted;
    private final LlamaCppCheckViewModel check;
    private ThisMachine machine;
    /** "Get this model": the selected catalog cell's GGUF file, opened on the Models page (wired by the app). */
    private final javafx.scene.control.Button getModel = new javafx.scene.control.Button("Get this model");
    /** "Copy command": the selected plan's llama-server command line, as {@code fit --export} prints it. */
    private ServingCommandPane commandPane;
    private java.util.function.Consumer<dev.breakeven.core.hub.ModelSources.Link> onGetModel = link -> { };

    public FitPage(Executor background, Supplier<HardwareProfile> detector) {
        this(background, detector, null);
    }

    /** With {@code checker}, an opened file can be checked against llama.cpp's own allocation report. */
    public FitPage(Executor background, Supplier<HardwareProfile> detector,
                   dev.breakeven.core.runtime.AllocationChecker checker) {
        this.model = new FitViewModel(background);
        this.detector = detector;
        this.check = checker == null ? null
                : new LlamaCppCheckViewModel(checker, background, javafx.application.Platform::runLater);
        build();
    }

    /** The app's page: plans for this machine as the Hardware page corrects it, re-planning on every correction. */
    public FitPage(TaskExecutor tasks, ThisMachine machine, dev.breakeven.core.runtime.AllocationChecker checker) {
        this.model = new FitViewModel(tasks);
        this.detector = machine;
        this.machine = machine;
        this.check = checker == null ? null : new LlamaCppCheckViewModel(checker, tasks.background(), tasks::onUi);
        build();
    }

    /** The "Check against llama.cpp" state; null when the page was built without a runtime checker. */
    LlamaCppCheckViewModel checkViewModel() {
        return check;
    }

    /** Plans a model file, as "Open a .gguf file…" does: the app calls it for a file opened with Breakeven. */
    public void openFile(Path file) {
        model.openFile(file);
    }

    public FitViewModel viewModel() {
        return model;
    }

    /** Where "Get this model" sends the selected cell's GGUF file (the Models page). */
    public void onGetModel(java.util.function.Consumer<dev.breakeven.core.hub.ModelSources.Link> action) {
        this.onGetModel = action;
    }

    /** The catalog cell's GGUF source from the dated data file, if the selection is a catalog model. */
    private java.util.Optional<dev.breakeven.core.hub.ModelSources.Link> selectedSource() {
        FitViewModel.Matrix matrix = model.matrixProperty().get();
        FitViewModel.Selection s = model.selectionProperty().get();
        if (matrix == null || s == null || s.row() < 0 || s.row() >= matrix.rows().size()
                || s.column() >= matrix.columns().size()) {
            return java.util.Optional.empty();
        }
        return dev.breakeven.core.hub.ModelSources.load().find(matrix.rows().get(s.row()).id(),
                matrix.columns().get(s.column()));
    }

    private void build() {
        root.getStyleClass().addAll("page", "fit-page");
        root.getStylesheets().add(FitPage.class.getResource("fit.css").toExternalForm());
        Label title = new Label(PageId.FIT.title());
        title.getStyleClass().add("page-title");
        Label intro = new Label("Where each model runs at each quantization, and how fast it decodes (predicted tok/s).");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);

        ComboBox<FitViewModel.HardwareChoice> hardware = new ComboBox<>(model.hardwareChoices());
        hardware.setId("fit-hardware");
        hardware.valueProperty().bindBidirectional(model.hardwareProperty());
        hardware.setPrefWidth(290);

        Slider context = new Slider(FitViewModel.MIN_CONTEXT_LOG2, FitViewModel.MAX_CONTEXT_LOG2,
                model.contextLog2Property().get());
        context.setId("fit-context");
        context.setMajorTickUnit(1);
        context.setMinorTickCount(0);
        context.setSnapToTicks(true);
        context.setShowTickMarks(true);
        context.setPrefWidth(150);
        context.valueProperty().addListener((o, a, b) -> model.contextLog2Property().set((int) Math.round(b.doubleValue())));
        Label contextLabel = new Label();
        contextLabel.setId("fit-context-label");
        contextLabel.textProperty().bind(model.contextLog2Property().map(v -> "context " + (1 << v.intValue()) + " tokens"));

        ComboBox<KvCacheType> kv = new ComboBox<>();
        kv.setId("fit-kv-type");
        kv.getItems().setAll(KvCacheType.values());
        kv.valueProperty().bindBidirectional(model.kvTypeProperty());

        ComboBox<ServingEngine> engine = new ComboBox<>();
        engine.setId("fit-engine");
        engine.getItems().setAll(ServingEngine.values());
        engine.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ServingEngine e) {
                return e == null ? "" : e.label();
            }

            @Override
            public ServingEngine fromString(String text) {
                return null;
            }
        });
        engine.valueProperty().bindBidirectional(model.engineProperty());
        ComboBox<FlashAttention> flash = new ComboBox<>();
        flash.setId("fit-flash-attn");
        flash.getItems().setAll(FlashAttention.values());
        flash.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FlashAttention f) {
                return f == null ? "" : f.cliName();
            }

            @Override
            public FlashAttention fromString(String text) {
                return FlashAttention.parse(text);
            }
        });
        flash.valueProperty().bindBidirectional(model.flashAttentionProperty());

        FlowPane controls = new FlowPane(12, 8, new Label("Hardware"), hardware, new Label("Context"), context,
                contextLabel, new Label("KV cache"), kv, new Label("Engine"), engine, new Label("Flash attention"),
                flash);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.getStyleClass().add("notice");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        HBox legend = new HBox(12, legendItem("fit-full", "all on GPU"), legendItem("fit-partial", "GPU + RAM"),
                legendItem("fit-cpu", "CPU only"), legendItem("fit-none", "does not fit"));

        grid.setId("fit-matrix");
        grid.getStyleClass().add("fit-matrix");
        grid.setHgap(3);
        grid.setVgap(3);
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(false);
        gridScroll.setPrefViewportHeight(330);
        // the page scrolls as a whole: without this the plan cards below squeezed the matrix to one row
        gridScroll.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        gridScroll.getStyleClass().add("fit-matrix-scroll");

        detailTitle.getStyleClass().add("section-title");
        detailTitle.setId("fit-plan-title");
        // At a 1280 px window these sentences are longer than the column: wrap them rather than cut them.
        detailTitle.setWrapText(true);
        fileCell.setWrapText(true);
        detailWords.setId("fit-plan-words");
        detailWords.setWrapText(true);
        advice.setId("fit-advice");
        advice.setWrapText(true);
        advice.getStyleClass().add("muted");
        largest.setId("fit-largest");
        largest.setWrapText(true);
        // wrapped sentences keep all their lines: the page scrolls, so nothing needs to shrink to an ellipsis
        for (Label sentence : java.util.List.of(detailTitle, fileCell, detailWords, advice, largest)) {
            sentence.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        getModel.setId("fit-get-model");
        getModel.setDisable(true);
        getModel.setOnAction(e -> selectedSource().ifPresent(onGetModel));
        commandPane = new ServingCommandPane(model);
        VBox detail = new VBox(8, detailTitle, detailWords, advice, gpuBar, hostBar, getModel, commandPane.root());
        detail.getStyleClass().add("card");

        Button open = new Button("Open a .gguf file…");
        open.setId("fit-open-file");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Plan a GGUF file");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
            var chosen = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (chosen != null) {
                model.openFile(chosen.toPath());
            }
        });
        fileCell.setId("fit-file-cell");
        fileCell.getStyleClass().add("fit-cell");
        fileCell.setVisible(false);
        fileCell.setOnMouseClicked(e -> model.selectionProperty().set(
                new FitViewModel.Selection(FitViewModel.FILE_ROW, 0)));
        Label dropHint = new Label("or drop one on this page to plan that exact file from its header");
        dropHint.getStyleClass().add("muted");
        HBox fileRow = new HBox(10, open, dropHint, fileCell);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        root.setOnDragOver(e -> {
            if (ggufIn(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            Path file = ggufIn(e.getDragboard());
            if (file != null) {
                model.openFile(file);
            }
            e.setDropCompleted(file != null);
            e.consume();
        });

        root.getChildren().addAll(title, intro, controls, fileRow, status, legend, largest, gridScroll, detail);
        if (check != null) {
            root.getChildren().add(LlamaCppCheckPane.build(check, model));
        }
        model.matrixProperty().addListener((o, a, b) -> fillGrid(b));
        model.selectedPlan().addListener((o, a, b) -> showDetail(b));
        model.selectionProperty().addListener((o, a, b) -> markSelected());
    }

    private static Path ggufIn(Dragboard board) {
        if (!board.hasFiles()) {
            return null;
        }
        return board.getFiles().stream().map(java.io.File::toPath)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                .findFirst().orElse(null);
    }

    private void showFile(FitViewModel.Matrix matrix) {
        FitPlan plan = matrix.filePlan();
        if (plan == null) {
            fileCell.setVisible(false);
            return;
        }
        fileCell.getStyleClass().removeIf(c -> c.startsWith("fit-") && !c.equals("fit-cell") && !c.equals("fit-selected"));
        fileCell.getStyleClass().add("fit-" + plan.verdict().word());
        fileCell.setUserData(plan.verdict());
        fileCell.setText(matrix.file().label() + ": " + (plan.verdict() == Verdict.NONE ? "does not fit"
                : String.format(Locale.ROOT, "%.0f t/s", plan.decodeTokPerSec())));
        fileCell.setVisible(true);
    }

    private static Node legendItem(String style, String text) {
        Label swatch = new Label("  ");
        swatch.getStyleClass().addAll("fit-cell", style, "fit-swatch");
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return new HBox(4, swatch, label);
    }

    private void fillGrid(FitViewModel.Matrix matrix) {
        grid.getChildren().clear();
        if (matrix == null) {
            return;
        }
        showFile(matrix);
        largest.setText(matrix.largest()
                .map(c -> String.format(Locale.ROOT,
                        "Largest model fully on the GPU with at most %.0f %% perplexity loss: %s at %s (%.0f tok/s).",
                        MatrixPlanner.QUALITY_FLOOR_PERCENT, c.model().name(), c.quant().id(), c.plan().decodeTokPerSec()))
                .orElse(matrix.target().gpu() == null ? "No GPU: every model runs on the CPU or not at all."
                        : "No catalog model fits fully on this GPU at this context and quality."));
        Label corner = new Label("model \\ quant");
        corner.getStyleClass().add("muted");
        grid.add(corner, 0, 0);
        for (int c = 0; c < matrix.columns().size(); c++) {
            Label head = new Label(matrix.columns().get(c));
            head.getStyleClass().add("fit-column-head");
            grid.add(head, c + 1, 0);
        }
        for (int r = 0; r < matrix.rows().size(); r++) {
            FitViewModel.Row row = matrix.rows().get(r);
            Label name = new Label(row.label());
            name.getStyleClass().add("fit-row-head");
            grid.add(name, 0, r + 1);
            for (int c = 0; c < matrix.columns().size(); c++) {
                Optional<FitPlan> plan = matrix.plan(r, c);
                if (plan.isPresent()) {
                    grid.add(cell(row, matrix.columns().get(c), plan.get(), r, c), c + 1, r + 1);
                }
            }
        }
        showDetail(model.selectedPlan().get());
    }

    private Node cell(FitViewModel.Row row, String quant, FitPlan plan, int r, int c) {
        Label cell = new Label(plan.verdict() == Verdict.NONE ? "—"
                : String.format(Locale.ROOT, "%.0f t/s", plan.decodeTokPerSec()));
        cell.setId(cellId(row.id(), quant));
        cell.getStyleClass().addAll("fit-cell", "fit-" + plan.verdict().word());
        cell.setMaxWidth(Double.MAX_VALUE);
        cell.setAlignment(Pos.CENTER);
        cell.setUserData(plan.verdict());
        Tooltip.install(cell, new Tooltip(plan.notes().isEmpty() ? plan.verdict().word() : plan.notes().getFirst()));
        cell.setOnMouseClicked(e -> model.selectionProperty().set(new FitViewModel.Selection(r, c)));
        FitViewModel.Selection selected = model.selectionProperty().get();
        if (selected != null && selected.row() == r && selected.column() == c) {
            cell.getStyleClass().add("fit-selected");
        }
        return cell;
    }

    private void markSelected() {
        FitViewModel.Selection s = model.selectionProperty().get();
        for (Node node : grid.getChildren()) {
            Integer r = GridPane.getRowIndex(node);
            Integer c = GridPane.getColumnIndex(node);
            boolean selected = s != null && r != null && c != null && r == s.row() + 1 && c == s.column() + 1;
            node.getStyleClass().remove("fit-selected");
            if (selected && node.getStyleClass().contains("fit-cell")) {
                node.getStyleClass().add("fit-selected");
            }
        }
    }

    /** Node id of a matrix cell; characters CSS selectors treat specially become underscores. */
    static String cellId(String modelId, String quant) {
        return ("cell-" + modelId + "-" + quant).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private void showDetail(Optional<FitPlan> selected) {
        FitViewModel.Matrix matrix = model.matrixProperty().get();
        FitViewModel.Selection s = model.selectionProperty().get();
        if (selected == null || selected.isEmpty() || matrix == null || s == null) {
            return;
        }
        FitPlan plan = selected.get();
        FitViewModel.Settings settings = matrix.settings();
        detailTitle.setText(String.format(Locale.ROOT, "%s · %d tokens · %s KV · flash attention %s", matrix.label(s),
                matrix.contextLength(), settings.kvFellBack() ? "f16" : matrix.kvType().cliName(),
                settings.flashOn() ? "on" : "off"));
        StringBuilder words = new StringBuilder();
        if (settings.kvFellBack()) {
            words.append("A quantized KV cache needs flash attention, so this plan uses f16. ");
        }
        for (String note : plan.notes()) {
            words.append(Character.toUpperCase(note.charAt(0))).append(note.substring(1)).append(". ");
        }
        if (plan.fits()) {
            words.append(String.format(Locale.ROOT, "Predicted decode %.1f tok/s, prefill %.0f tok/s.",
                    plan.decodeTokPerSec(), plan.prefillTokPerSec()));
        }
        detailWords.setText(words.toString().strip());
        var source = selectedSource();
        getModel.setDisable(source.isEmpty());
        getModel.setTooltip(new Tooltip(source.map(l -> l.hfArgument() + "\n" + l.source() + " (checked " + l.checked() + ")")
                .orElse("No GGUF source listed for this model and quant; search for it on the Models page")));
        advice.setText("");
        commandPane.update(matrix, s);
        model.advise(matrix, s, text -> {
            if (matrix == model.matrixProperty().get() && s.equals(model.selectionProperty().get())) {
                advice.setText(text);
            }
        });
        var target = matrix.target();
        boolean hasGpu = target.gpu() != null;
        gpuBar.setVisible(hasGpu);
        gpuBar.setManaged(hasGpu);
        if (hasGpu) {
            gpuBar.show("GPU " + target.gpu().name(), plan.gpu(), target.gpu().vramBytes());
        }
        MemoryParts host = target.unifiedMemory() ? sum(plan.host(), plan.gpu()) : plan.host();
        hostBar.show("RAM", host, target.host().ramBytes());
    }

    private static MemoryParts sum(MemoryParts a, MemoryParts b) {
        return new MemoryParts(a.weightsBytes() + b.weightsBytes(), a.kvCacheBytes() + b.kvCacheBytes(),
                a.computeBytes() + b.computeBytes(), a.overheadBytes() + b.overheadBytes());
    }

    @Override
    public PageId id() {
        return PageId.FIT;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void onShow() {
        if (!detectionStarted) {
            detectionStarted = true;
            if (machine != null) {
                model.follow(machine);
            } else {
                model.detect(detector);
            }
        }
    }
}
