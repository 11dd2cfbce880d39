package dev.breakeven.ui.cost;

import dev.breakeven.core.io.AtomicFiles;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Snapshots a chart to PNG bytes and saves them where the user picks. */
final class ChartExport {
    private ChartExport() {
    }

    static byte[] png(Node node) {
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        return PngWriter.encode(image);
    }

    /** Asks for a file and writes the chart there; returns a line for the status bar. */
    static String saveWithChooser(Node node, String suggestedName, Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export chart as PNG");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return "";
        }
        return save(node, file.toPath());
    }

    static String save(Node node, Path file) {
        try {
            AtomicFiles.write(file, png(node));
            return "Saved " + file.getFileName();
        } catch (IOException e) {
            return "Could not save " + file.getFileName() + ": " + e.getMessage();
        }
    }
}
