package dev.breakeven.ui.cost;

import dev.breakeven.core.io.AtomicFiles;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Snapshots a chart to PNG bytes and saves them where the user picks (public for ApiKeyLeakTest's sweep of writers). */
public final class ChartExport {
    private ChartExport() {
    }

    static byte[] png(Node node) {
        return png(node.snapshot(new SnapshotParameters(), null));
    }

    /** PNG through ImageIO (java.desktop is in every runtime the app ships); no javafx-swing needed. */
    static byte[] png(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(buffered, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
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

    /** Writes the node as PNG; call on the FX thread. Returns a line for the status bar. */
    public static String save(Node node, Path file) {
        try {
            AtomicFiles.write(file, png(node));
            return "Saved " + file.getFileName();
        } catch (IOException e) {
            return "Could not save " + file.getFileName() + ": " + e.getMessage();
        }
    }
}
