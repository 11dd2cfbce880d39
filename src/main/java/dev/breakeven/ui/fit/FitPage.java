package dev.breakeven.ui.fit;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.core.hub.ModelSources;
import dev.breakeven.core.runtime.AllocationChecker;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.ui.shell.Page;
import dev.breakeven.ui.shell.PageId;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Fit page: models × quantizations coloured by where they run, with predicted decode speed; context and
 * KV type update the matrix live; a selected cell shows its memory and the plan in words. The page lays out its
 * parts ({@link FitControls}, {@link OpenFileRow}, {@link MatrixPane}, {@link PlanDetailPane},
 * {@link LlamaCppCheckPane}) and routes the view model's changes to them.
 */
public final class FitPage implements Page {
    private final FitViewModel model;
    private final Supplier<HardwareProfile> detector;
    private final VBox root = new VBox(12);
    private boolean detectionStarted;
    private final LlamaCppCheckViewModel check;
    private ThisMachine machine;
    private PlanDetailPane detail;

    public FitPage(Executor background, Supplier<HardwareProfile> detector) {
        this(background, detector, null);
    }

    /** With {@code checker}, an opened file can be checked against llama.cpp's own allocation report. */
    public FitPage(Executor background, Supplier<HardwareProfile> detector, AllocationChecker checker) {
        this.model = new FitViewModel(background);
        this.detector = detector;
        this.check = checker == null ? null : new LlamaCppCheckViewModel(checker, background, Platform::runLater);
        build();
    }

    /** The app's page: plans for this machine as the Hardware page corrects it, re-planning on every correction. */
    public FitPage(TaskExecutor tasks, ThisMachine machine, AllocationChecker checker) {
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
    public void onGetModel(Consumer<ModelSources.Link> action) {
        detail.onGetModel(action);
    }

    private void build() {
        root.getStyleClass().addAll("page", "fit-page");
        root.getStylesheets().add(FitPage.class.getResource("fit.css").toExternalForm());
        Label title = new Label(PageId.FIT.title());
        title.getStyleClass().add("page-title");
        Label intro = new Label("Where each model runs at each quantization, and how fast it decodes (predicted tok/s).");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);

        Label status = new Label();
        status.getStyleClass().add("notice");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        OpenFileRow fileRow = new OpenFileRow(model, root);
        MatrixPane matrix = new MatrixPane(model);
        detail = new PlanDetailPane(model);
        root.getChildren().addAll(title, intro, FitControls.build(model), fileRow.root(), status, matrix.legend(),
                matrix.largest(), matrix.matrix(), detail.root());
        if (check != null) {
            root.getChildren().add(LlamaCppCheckPane.build(check, model));
        }
        model.matrixProperty().addListener((o, a, b) -> {
            matrix.fill(b);
            if (b != null) {
                fileRow.show(b);
                detail.show(model.selectedPlan().get());
            }
        });
        model.selectedPlan().addListener((o, a, b) -> detail.show(b));
        model.selectionProperty().addListener((o, a, b) -> matrix.markSelected());
    }

    /** Node id of a matrix cell (see {@link MatrixPane#cellId}); tests find cells by it. */
    static String cellId(String modelId, String quant) {
        return MatrixPane.cellId(modelId, quant);
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
