package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.Role;

/**
 * A message as saved: {@code partial} marks an answer still streaming (or cut off by a crash);
 * {@code metrics} is set on finished answers only. {@code atEpochMillis} is when it was written.
 */
public record StoredMessage(Role role, String content, long atEpochMillis, boolean partial, AnswerMetrics metrics) {
    public StoredMessage {
        content = content == null ? "" : content;
    }

    public static StoredMessage user(String text, long at) {
        return new StoredMessage(Role.USER, text, at, false, null);
    }

    public ChatMessage toChatMessage() {
        return new ChatMessage(role, content);
    }
}
