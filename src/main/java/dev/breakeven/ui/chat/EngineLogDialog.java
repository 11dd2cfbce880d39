package dev.breakeven.ui.chat;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/** The running engine's log (its last lines), read off the FX thread and shown in a plain dialog. */
final class EngineLogDialog {
    static final int LAST_LINES = 400;

    private EngineLogDialog() {
    }

    static void show(Node owner, Path log, Executor background) {
        if (log == null) {
            return;
        }
        background.execute(() -> {
            String text = read(log);
            Platform.runLater(() -> {
                TextArea area = new TextArea(text);
                area.setEditable(false);
                area.setWrapText(false);
                area.setPrefSize(820, 480);
                area.setId("engine-log-text");
                area.positionCaret(text.length());
                Alert dialog = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
                dialog.setTitle("Engine log");
                dialog.setHeaderText(log.toString());
                dialog.getDialogPane().setContent(area);
                dialog.setResizable(true);
                if (owner.getScene() != null) {
                    dialog.initOwner(owner.getScene().getWindow());
                }
                dialog.show();
            });
        });
    }

    static String read(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
        } catch (IOException e) {
            return "The log cannot be read: " + e.getMessage();
        }
    }
}
