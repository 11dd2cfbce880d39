package dev.breakeven.ui.library;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.nio.file.Path;

/** Download a GGUF from Hugging Face: repo, file, optional SHA-256 and token, a progress bar and Cancel. */
final class DownloadPane {
    private final TitledPane pane;
    private final ObjectProperty<Task<Path>> running = new SimpleObjectProperty<>();

    DownloadPane(ModelLibraryViewModel model) {
        TextField repo = field("download-repo", "org/repo, e.g. bartowski/Llama-3.2-1B-Instruct-GGUF");
        TextField file = field("download-file", "file name, e.g. Llama-3.2-1B-Instruct-Q4_K_M.gguf");
        TextField sha = field("download-sha", "SHA-256 (optional; the Hub's own is used when it gives one)");
        PasswordField token = new PasswordField();
        token.setId("download-token");
        token.setPromptText("access token for gated repos (optional)");

        ProgressBar bar = new ProgressBar(0);
        bar.setId("download-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label message = new Label();
        message.setId("download-message");
        message.getStyleClass().add("muted");

        Button start = new Button("Download");
        start.setId("download-start");
        Button cancel = new Button("Cancel");
        cancel.setId("download-cancel");
        var busy = Bindings.createBooleanBinding(() -> running.get() != null && !isDone(running.get()), running);
        start.disableProperty().bind(busy.or(repo.textProperty().isEmpty()).or(file.textProperty().isEmpty()));
        cancel.disableProperty().bind(busy.not());

        start.setOnAction(e -> {
            Task<Path> task = model.download(repo.getText(), file.getText(), sha.getText(), token.getText());
            bar.progressProperty().bind(task.progressProperty());
            message.textProperty().bind(Bindings.createStringBinding(() -> switch (task.getState()) {
                case FAILED -> task.getException().getMessage();
                case SUCCEEDED -> "Saved to " + task.getValue();
                case CANCELLED -> "Cancelled; the partial file is kept, Download resumes it";
                default -> task.getMessage();
            }, task.stateProperty(), task.messageProperty()));
            task.stateProperty().addListener((obs, old, now) -> running.set(isDone(task) ? null : task));
            running.set(task);
        });
        cancel.setOnAction(e -> {
            if (running.get() != null) {
                running.get().cancel();
            }
        });

        GridPane form = new GridPane(8, 6);
        form.addRow(0, new Label("Repository"), repo);
        form.addRow(1, new Label("File"), file);
        form.addRow(2, new Label("SHA-256"), sha);
        form.addRow(3, new Label("Token"), token);
        form.add(new HBox(8, start, cancel, bar), 0, 4, 2, 1);
        form.add(message, 0, 5, 2, 1);
        GridPane.setHgrow(repo, Priority.ALWAYS);
        pane = new TitledPane("Download from Hugging Face", form);
        pane.setId("download-pane");
        pane.setExpanded(false);
        pane.setAnimated(false);
    }

    Node node() {
        return pane;
    }

    private static boolean isDone(Task<?> task) {
        Worker.State state = task.getState();
        return state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
