package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.chat.api.ApiTarget;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The API model for "API model" and "Hybrid (local + API)": the price catalog's models of every provider with a key
 * (any {@code provider/model} may be typed), where the keys come from, and a password field to save one in the
 * owner-only key file. The key never shows again once saved.
 */
final class ApiPicker extends VBox {
    private final ComboBox<String> target = new ComboBox<>();
    private final Label keys = new Label();
    private final Label problem = new Label();
    private final ApiAccess api;
    private final Executor background;

    ApiPicker(ApiAccess api, Executor background) {
        super(4);
        this.api = api;
        this.background = background;
        target.setId("chat-api-model");
        target.setEditable(true);
        target.setPrefWidth(320);
        target.setPromptText("provider/model, e.g. openai/gpt-5-mini");
        target.setOnShowing(e -> refresh());
        keys.setId("chat-api-keys");
        keys.setWrapText(true);
        keys.getStyleClass().add("muted");
        problem.setId("chat-api-problem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        PasswordField key = new PasswordField();
        key.setId("chat-api-key");
        key.setPromptText("API key for this provider");
        Button save = new Button("Save key");
        save.setId("chat-api-save-key");
        save.setOnAction(e -> saveKey(key.getText(), () -> key.clear()));
        getChildren().addAll(new FlowPane(6, 6, new Label("API model"), target, key, save), keys, problem);
        refresh();
    }

    /** The typed or picked target, checked; empty (with the reason shown) when it is not {@code provider/model}. */
    Optional<String> target() {
        String text = target.getEditor().getText() == null || target.getEditor().getText().isBlank()
                ? target.getValue() : target.getEditor().getText();
        try {
            String t = ApiTarget.parse(text).toString();
            problem.setText("");
            return Optional.of(t);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            return Optional.empty();
        }
    }

    /** The models offered now (for tests). */
    List<String> offered() {
        return List.copyOf(target.getItems());
    }

    void choose(String value) {
        target.setValue(value);
        target.getEditor().setText(value);
    }

    /** The offered models and the key status, read off the FX thread. */
    void refresh() {
        Task<List<String>> task = new Task<>() {
            @Override
            protected List<String> call() throws IOException {
                return api.offered();
            }
        };
        task.setOnSucceeded(e -> {
            String typed = target.getEditor().getText();
            target.getItems().setAll(task.getValue());
            if (typed != null && !typed.isBlank()) {
                target.getEditor().setText(typed);
            }
        });
        task.setOnFailed(e -> problem.setText(task.getException().getMessage()));
        background.execute(task);
        background.execute(() -> {
            String status = api.keyStatus();
            javafx.application.Platform.runLater(() -> keys.setText(status));
        });
    }

    private void saveKey(String key, Runnable clear) {
        Optional<String> chosen = target();
        if (chosen.isEmpty()) {
            return;
        }
        ApiProvider provider = ApiTarget.parse(chosen.get()).provider();
        background.execute(() -> {
            try {
                api.keys().save(provider, key);
                javafx.application.Platform.runLater(() -> {
                    clear.run();
                    refresh();
                });
            } catch (IOException | IllegalArgumentException e) {
                javafx.application.Platform.runLater(() -> problem.setText(e.getMessage()));
            }
        });
    }
}
