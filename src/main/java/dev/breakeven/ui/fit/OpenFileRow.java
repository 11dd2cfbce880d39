package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.Verdict;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * "Open a .gguf file…" on the Fit page, and a file dropped anywhere on the page: plans that exact file from its
 * header, shown as one extra cell beside the button (clicking it selects the file's plan).
 */
final class OpenFileRow {
    private final FitViewModel model;
    private final Label fileCell = new Label();
    private final HBox root;

    /** {@code page} takes the drops and owns the file chooser. */
    OpenFileRow(FitViewModel model, Region page) {
        this.model = model;
        Button open = new Button("Open a .gguf file…");
        open.setId("fit-open-file");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Plan a GGUF file");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GGUF models", "*.gguf"));
            var chosen = chooser.showOpenDialog(page.getScene() == null ? null : page.getScene().getWindow());
            if (chosen != null) {
                model.openFile(chosen.toPath());
            }
        });
        fileCell.setId("fit-file-cell");
        fileCell.getStyleClass().add("fit-cell");
        fileCell.setVisible(false);
        fileCell.setWrapText(true);
        // wrapped, it keeps all its lines: the page scrolls, so nothing needs to shrink to an ellipsis
        fileCell.setMinHeight(Region.USE_PREF_SIZE);
        fileCell.setOnMouseClicked(e -> model.selectionProperty().set(
                new FitViewModel.Selection(FitViewModel.FILE_ROW, 0)));
        Label dropHint = new Label("or drop one on this page to plan that exact file from its header");
        dropHint.getStyleClass().add("muted");
        root = new HBox(10, open, dropHint, fileCell);
        root.setAlignment(Pos.CENTER_LEFT);
        page.setOnDragOver(e -> {
            if (ggufIn(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        page.setOnDragDropped(e -> {
            Path file = ggufIn(e.getDragboard());
            if (file != null) {
                model.openFile(file);
            }
            e.setDropCompleted(file != null);
            e.consume();
        });
    }

    Node root() {
        return root;
    }

    private static Path ggufIn(Dragboard board) {
        if (!board.hasFiles()) {
            return null;
        }
        return board.getFiles().stream().map(File::toPath)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                .findFirst().orElse(null);
    }

    /** The opened file's cell, coloured by its verdict; hidden while no file is planned. */
    void show(FitViewModel.Matrix matrix) {
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
}
