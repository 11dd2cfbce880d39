package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.Verdict;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.Locale;
import java.util.Optional;

/**
 * The Fit page's matrix: models × quantizations, each cell coloured by where the plan runs and labelled with its
 * predicted decode speed; with its legend and the "largest model fully on the GPU" line. Clicking a cell selects it.
 */
final class MatrixPane {
    private final FitViewModel model;
    private final GridPane grid = new GridPane();
    private final ScrollPane scroll = new ScrollPane(grid);
    private final Label largest = new Label();
    private final HBox legend = new HBox(12, legendItem("fit-full", "all on GPU"), legendItem("fit-partial", "GPU + RAM"),
            legendItem("fit-cpu", "CPU only"), legendItem("fit-none", "does not fit"));

    MatrixPane(FitViewModel model) {
        this.model = model;
        grid.setId("fit-matrix");
        grid.getStyleClass().add("fit-matrix");
        grid.setHgap(3);
        grid.setVgap(3);
        scroll.setFitToWidth(false);
        scroll.setPrefViewportHeight(330);
        // the page scrolls as a whole: without this the plan cards below squeezed the matrix to one row
        scroll.setMinHeight(Region.USE_PREF_SIZE);
        scroll.getStyleClass().add("fit-matrix-scroll");
        largest.setId("fit-largest");
        largest.setWrapText(true);
        // wrapped, it keeps all its lines: the page scrolls, so nothing needs to shrink to an ellipsis
        largest.setMinHeight(Region.USE_PREF_SIZE);
    }

    Node legend() {
        return legend;
    }

    Node largest() {
        return largest;
    }

    /** The matrix in its own scroll pane (wide matrices scroll sideways). */
    Node matrix() {
        return scroll;
    }

    private static Node legendItem(String style, String text) {
        Label swatch = new Label("  ");
        swatch.getStyleClass().addAll("fit-cell", style, "fit-swatch");
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return new HBox(4, swatch, label);
    }

    /** Rebuilds the cells and the "largest model" line for a new matrix; null clears the grid. */
    void fill(FitViewModel.Matrix matrix) {
        grid.getChildren().clear();
        if (matrix == null) {
            return;
        }
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

    /** Moves the selection mark to the view model's selected cell. */
    void markSelected() {
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
}
