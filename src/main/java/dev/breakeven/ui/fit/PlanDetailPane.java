package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.MemoryParts;
import dev.breakeven.core.hub.ModelSources;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Fit page's card for the selected plan: its settings, the plan in words, advice, the GPU and RAM bars,
 * "Get this model" for a catalog cell and the serving command ({@link ServingCommandPane}).
 */
final class PlanDetailPane {
    private final FitViewModel model;
    private final Label title = new Label("Select a cell to see its plan.");
    private final Label words = new Label();
    private final Label advice = new Label();
    private final MemoryBar gpuBar = new MemoryBar("fit-gpu-bar");
    private final MemoryBar hostBar = new MemoryBar("fit-host-bar");
    /** "Get this model": the selected catalog cell's GGUF file, opened on the Models page (wired by the app). */
    private final Button getModel = new Button("Get this model");
    /** "Copy command": the selected plan's llama-server command line, as {@code fit --export} prints it. */
    private final ServingCommandPane commandPane;
    private final VBox root;
    private Consumer<ModelSources.Link> onGetModel = link -> { };

    PlanDetailPane(FitViewModel model) {
        this.model = model;
        title.getStyleClass().add("section-title");
        title.setId("fit-plan-title");
        // At a 1280 px window these sentences are longer than the column: wrap them rather than cut them.
        title.setWrapText(true);
        words.setId("fit-plan-words");
        words.setWrapText(true);
        advice.setId("fit-advice");
        advice.setWrapText(true);
        advice.getStyleClass().add("muted");
        // wrapped sentences keep all their lines: the page scrolls, so nothing needs to shrink to an ellipsis
        for (Label sentence : List.of(title, words, advice)) {
            sentence.setMinHeight(Region.USE_PREF_SIZE);
        }
        getModel.setId("fit-get-model");
        getModel.setDisable(true);
        getModel.setOnAction(e -> selectedSource().ifPresent(onGetModel));
        commandPane = new ServingCommandPane(model);
        root = new VBox(8, title, words, advice, gpuBar, hostBar, getModel, commandPane.root());
        root.getStyleClass().add("card");
    }

    Node root() {
        return root;
    }

    /** Where "Get this model" sends the selected cell's GGUF file (the Models page). */
    void onGetModel(Consumer<ModelSources.Link> action) {
        this.onGetModel = action;
    }

    /** The catalog cell's GGUF source from the dated data file, if the selection is a catalog model. */
    private Optional<ModelSources.Link> selectedSource() {
        FitViewModel.Matrix matrix = model.matrixProperty().get();
        FitViewModel.Selection s = model.selectionProperty().get();
        if (matrix == null || s == null || s.row() < 0 || s.row() >= matrix.rows().size()
                || s.column() >= matrix.columns().size()) {
            return Optional.empty();
        }
        return ModelSources.load().find(matrix.rows().get(s.row()).id(), matrix.columns().get(s.column()));
    }

    /** Shows the selected plan; the advice and the commands follow from the background unless the selection moved on. */
    void show(Optional<FitPlan> selected) {
        FitViewModel.Matrix matrix = model.matrixProperty().get();
        FitViewModel.Selection s = model.selectionProperty().get();
        if (selected == null || selected.isEmpty() || matrix == null || s == null) {
            return;
        }
        FitPlan plan = selected.get();
        FitViewModel.Settings settings = matrix.settings();
        title.setText(String.format(Locale.ROOT, "%s · %d tokens · %s KV · flash attention %s", matrix.label(s),
                matrix.contextLength(), settings.kvFellBack() ? "f16" : matrix.kvType().cliName(),
                settings.flashOn() ? "on" : "off"));
        StringBuilder text = new StringBuilder();
        if (settings.kvFellBack()) {
            text.append("A quantized KV cache needs flash attention, so this plan uses f16. ");
        }
        for (String note : plan.notes()) {
            text.append(Character.toUpperCase(note.charAt(0))).append(note.substring(1)).append(". ");
        }
        if (plan.fits()) {
            text.append(String.format(Locale.ROOT, "Predicted decode %.1f tok/s, prefill %.0f tok/s.",
                    plan.decodeTokPerSec(), plan.prefillTokPerSec()));
        }
        words.setText(text.toString().strip());
        var source = selectedSource();
        getModel.setDisable(source.isEmpty());
        getModel.setTooltip(new Tooltip(source.map(l -> l.hfArgument() + "\n" + l.source() + " (checked " + l.checked() + ")")
                .orElse("No GGUF source listed for this model and quant; search for it on the Models page")));
        advice.setText("");
        commandPane.update(matrix, s);
        model.advise(matrix, s, answer -> {
            if (matrix == model.matrixProperty().get() && s.equals(model.selectionProperty().get())) {
                advice.setText(answer);
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

    /** Unified memory: what the plan puts on the "GPU" lives in the same RAM. */
    private static MemoryParts sum(MemoryParts a, MemoryParts b) {
        return new MemoryParts(a.weightsBytes() + b.weightsBytes(), a.kvCacheBytes() + b.kvCacheBytes(),
                a.computeBytes() + b.computeBytes(), a.overheadBytes() + b.overheadBytes());
    }
}
