package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.MemoryParts;
import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

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
    private boolean detectionStarted;

    public FitPage(Executor background, Supplier<HardwareProfile> detector) {
        this.model = new FitViewModel(background);
        this.detector = detector;
        build();
    }

    FitViewModel viewModel() {
        return model;
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

        FlowPane controls = new FlowPane(12, 8, new Label("Hardware"), hardware, new Label("Context"), context,
                contextLabel, new Label("KV cache"), kv);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.getStyleClass().add("notice");
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
        gridScroll.getStyleClass().add("fit-matrix-scroll");

        detailTitle.getStyleClass().add("section-title");
        detailWords.setId("fit-plan-words");
        detailWords.setWrapText(true);
        VBox detail = new VBox(8, detailTitle, detailWords, gpuBar, hostBar);
        detail.getStyleClass().add("card");

        root.getChildren().addAll(title, intro, controls, status, legend, gridScroll, detail);
        model.matrixProperty().addListener((o, a, b) -> fillGrid(b));
        model.selectedPlan().addListener((o, a, b) -> showDetail(b));
        model.selectionProperty().addListener((o, a, b) -> markSelected());
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
        detailTitle.setText(String.format(Locale.ROOT, "%s · %s · %d tokens · %s KV", matrix.rows().get(s.row()).label(),
                matrix.columns().get(s.column()), matrix.contextLength(), matrix.kvType().cliName()));
        StringBuilder words = new StringBuilder();
        for (String note : plan.notes()) {
            words.append(Character.toUpperCase(note.charAt(0))).append(note.substring(1)).append(". ");
        }
        if (plan.fits()) {
            words.append(String.format(Locale.ROOT, "Predicted decode %.1f tok/s, prefill %.0f tok/s.",
                    plan.decodeTokPerSec(), plan.prefillTokPerSec()));
        }
        detailWords.setText(words.toString().strip());
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
            model.detect(detector);
        }
    }
}
