package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.HybridChatEngine;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The "Ask" card: a conversation with an API model, or with the hybrid engine when a local server is given. */
final class AskCard {
    private final AskViewModel model;

    AskCard(AskViewModel model) {
        this.model = model;
    }

    Node build() {
        Label heading = new Label("Ask: API or hybrid");
        heading.getStyleClass().add("section-title");
        Label intro = new Label("PROVIDER/MODEL as in 'openai/gpt-5-mini', 'anthropic/claude-sonnet-4-5' or "
                + "'openrouter/deepseek/deepseek-chat'. With a local server URL (llama-server, Ollama, LM Studio) each "
                + "turn goes where the rules above send it.");
        intro.getStyleClass().add("muted");
        intro.setWrapText(true);

        TextField target = text("hybrid-ask-target", model.targetProperty(), 260);
        TextField base = text("hybrid-ask-base", model.baseUrlProperty(), 260);
        base.setPromptText("default: the provider's *_BASE_URL or public endpoint");
        PasswordField key = new PasswordField();
        key.setId("hybrid-ask-key");
        key.setPromptText("paste a key to save it for this provider");
        key.textProperty().bindBidirectional(model.keyProperty());
        Button saveKey = new Button("Save key");
        saveKey.setId("hybrid-ask-save-key");
        saveKey.disableProperty().bind(model.keyProperty().map(String::isBlank));
        saveKey.setOnAction(e -> model.saveKey());
        Label keyStatus = muted("hybrid-ask-key-status");
        keyStatus.textProperty().bind(model.keyStatusProperty());
        TextField local = text("hybrid-ask-local", model.localUrlProperty(), 260);
        local.setPromptText("optional, e.g. http://127.0.0.1:8080 → hybrid");
        CheckBox fallback = new CheckBox("When the API fails, answer locally (marked)");
        fallback.setId("hybrid-ask-fallback");
        fallback.selectedProperty().bindBidirectional(model.fallbackProperty());
        ComboBox<HybridChatEngine.RouteOverride> override = new ComboBox<>();
        override.getItems().setAll(HybridChatEngine.RouteOverride.values());
        override.setId("hybrid-ask-override");
        override.valueProperty().bindBidirectional(model.overrideProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("API model"), target);
        grid.addRow(1, new Label("Base URL"), base);
        grid.addRow(2, new Label("API key"), new HBox(8, key, saveKey));
        grid.add(keyStatus, 1, 3);
        grid.addRow(4, new Label("Local server"), local);
        grid.addRow(5, new Label("This conversation"), new HBox(8, override, fallback));

        TextArea prompt = new TextArea();
        prompt.setId("hybrid-ask-prompt");
        prompt.setPrefRowCount(2);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(model.promptProperty());
        Button send = new Button("Send");
        send.setId("hybrid-ask-send");
        send.disableProperty().bind(model.runningProperty());
        send.setOnAction(e -> model.send());
        Button stop = new Button("Stop");
        stop.setId("hybrid-ask-stop");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        Button clear = new Button("New conversation");
        clear.setId("hybrid-ask-clear");
        clear.setOnAction(e -> model.clear());
        HBox actions = new HBox(8, send, stop, clear);
        actions.setAlignment(Pos.CENTER_LEFT);

        TextArea transcript = new TextArea();
        transcript.setId("hybrid-ask-transcript");
        transcript.setEditable(false);
        transcript.setWrapText(true);
        transcript.setPrefRowCount(8);
        transcript.textProperty().bind(model.transcriptProperty());
        Label turn = new Label();
        turn.setId("hybrid-ask-turn");
        turn.setWrapText(true);
        turn.textProperty().bind(model.turnTextProperty());
        Label totals = muted("hybrid-ask-totals");
        totals.textProperty().bind(model.totalsTextProperty());
        Label error = new Label();
        error.setId("hybrid-ask-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());

        VBox box = new VBox(10, heading, intro, grid, prompt, actions, error, transcript, turn, totals);
        box.getStyleClass().add("card");
        return box;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Label muted(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }
}
