package dev.breakeven.ui.chat;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The answer while it streams: plain text in blocks of bounded size, so appending a frame's batch re-lays out
 * only the last block however long the answer grows. Rendered as Markdown once finished.
 */
final class StreamingAnswerView extends VBox {
    static final int BLOCK_CHARS = 600;
    private Text last;
    private int length;

    StreamingAnswerView() {
        super(0);
        getStyleClass().addAll("chat-message", "chat-message-assistant");
        Label role = new Label("Assistant (streaming)");
        role.getStyleClass().add("chat-role");
        getChildren().add(role);
        setId("streaming-answer");
    }

    void append(String batch) {
        if (last == null || last.getText().length() >= BLOCK_CHARS) {
            if (last != null) {
                // A full block no longer changes: render it once into a bitmap instead of every frame.
                last.getParent().setCache(true);
            }
            last = new Text();
            last.getStyleClass().add("chat-stream-text");
            TextFlow block = new TextFlow(last);
            getChildren().add(block);
        }
        last.setText(last.getText() + batch);
        length += batch.length();
    }

    int length() {
        return length;
    }

    String text() {
        StringBuilder all = new StringBuilder();
        getChildren().stream().filter(TextFlow.class::isInstance)
                .forEach(n -> all.append(((Text) ((TextFlow) n).getChildren().getFirst()).getText()));
        return all.toString();
    }
}
