package dev.breakeven.ui.chat;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The answer while it streams: plain text in blocks of bounded size, so appending a frame's batch re-lays out
 * only the last block however long the answer grows. Rendered as Markdown once finished.
 *
 * <p>Full blocks are not cached as bitmaps: on the software pipeline those bitmaps live on the Java heap (a
 * quarter megabyte per block), so a long answer grew the live set to over 150 MB and young-GC pauses to 40–80 ms,
 * the page's longest stalls. Likewise, while the answer streams, the enclosing ScrollPane's viewport cache is
 * switched off: its content changes every frame, so the cache was re-rendered every frame, painting the whole
 * viewport twice (once into the cache, once onto the screen).
 */
final class StreamingAnswerView extends VBox {
    static final int BLOCK_CHARS = 600;
    private Text last;
    private int length;
    private Node uncachedViewport;
    private boolean viewportChecked;

    StreamingAnswerView() {
        super(0);
        getStyleClass().addAll("chat-message", "chat-message-assistant");
        Label role = new Label("Assistant (streaming)");
        role.getStyleClass().add("chat-role");
        getChildren().add(role);
        setId("streaming-answer");
        setMinWidth(0);
        sceneProperty().addListener((obs, was, scene) -> {
            if (scene == null) {
                restoreViewportCache();
                viewportChecked = false;
            }
        });
    }

    void append(String batch) {
        if (!viewportChecked && getScene() != null) {
            viewportChecked = true;
            uncacheViewport();
        }
        if (last == null || last.getText().length() >= BLOCK_CHARS) {
            last = new Text();
            last.getStyleClass().add("chat-stream-text");
            TextFlow block = new TextFlow(last);
            // without this a block's minimum is its unwrapped line, so the list grew past the view and cut it
            block.setMinWidth(0);
            getChildren().add(block);
        }
        last.setText(last.getText() + batch);
        length += batch.length();
    }

    /** The ScrollPane skin caches its viewport; a viewport whose content changes every frame gains nothing by it. */
    private void uncacheViewport() {
        for (Parent parent = getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getStyleClass().contains("viewport") && parent.getParent() instanceof ScrollPane) {
                if (parent.isCache()) {
                    parent.setCache(false);
                    uncachedViewport = parent;
                }
                return;
            }
        }
    }

    private void restoreViewportCache() {
        if (uncachedViewport != null) {
            uncachedViewport.setCache(true);
            uncachedViewport = null;
        }
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
