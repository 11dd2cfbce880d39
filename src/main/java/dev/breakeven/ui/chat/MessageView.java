package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.store.StoredMessage;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** One finished message: who wrote it, its text (Markdown for answers), a Copy button and its figures. */
final class MessageView extends VBox {
    MessageView(StoredMessage message) {
        super(4);
        boolean user = message.role() == Role.USER;
        getStyleClass().addAll("chat-message", user ? "chat-message-user" : "chat-message-assistant");
        Label role = new Label(user ? "You" : "Assistant" + (message.partial() ? " (unfinished)" : ""));
        role.getStyleClass().add("chat-role");
        Button copy = new Button("Copy");
        copy.getStyleClass().add("chat-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(message.content());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, role, spacer, copy);
        getChildren().add(header);
        if (user) {
            Label text = new Label(message.content());
            text.setWrapText(true);
            text.getStyleClass().add("chat-user-text");
            getChildren().add(text);
        } else {
            getChildren().add(MarkdownRenderer.render(message.content()));
        }
        if (message.metrics() != null && !message.metrics().measurable()) {
            // kept, but marked: the answer did not end by itself and its figures are not measurements
            Label mark = new Label("ENGINE_DIED".equals(message.metrics().stopReason())
                    ? "⚠ Incomplete: " + (message.metrics().note() == null ? "the engine stopped" : message.metrics().note())
                    : "⚠ Incomplete: " + (message.metrics().note() == null ? "the answer was cut" : message.metrics().note()));
            mark.setWrapText(true);
            mark.getStyleClass().add("error-text");
            mark.setId("chat-answer-incomplete");
            getChildren().add(mark);
        }
        TurnRouteView.of(message).ifPresent(getChildren()::addAll);
        if (message.metrics() != null && message.metrics().decodeTokPerSec() != null && !TurnRouteView.shows(message)) {
            var m = message.metrics();
            Label figures = new Label(String.format(Locale.ROOT, "%d tokens · %.1f tok/s · first token %.0f ms%s",
                    m.genTokens(), m.bestRate(), m.ttftMs() == null ? 0 : m.ttftMs(),
                    m.joules() == null ? "" : String.format(Locale.ROOT, " · %.1f J%s %s", m.joules(),
                            m.joulesAboveIdle() == null ? ""
                                    : String.format(Locale.ROOT, " (%.1f J above idle)", m.joulesAboveIdle()),
                            m.powerLabel())));
            figures.getStyleClass().add("muted");
            getChildren().add(figures);
        }
    }
}
