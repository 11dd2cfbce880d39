package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.Role;

/**
 * A message as saved: {@code partial} marks an answer still streaming (or cut off by a crash);
 * {@code metrics} is set on finished answers only, and only for local ones: an API answer's figures describe the
 * provider, not this machine, so they stay out of what the Costs and Ledger pages measure. {@code route} says where
 * an answer went and what it took (null for answers saved before routes were recorded).
 * {@code atEpochMillis} is when it was written.
 */
public record StoredMessage(Role role, String content, long atEpochMillis, boolean partial, AnswerMetrics metrics,
                            TurnRoute route) {
    public StoredMessage {
        content = content == null ? "" : content;
    }

    public StoredMessage(Role role, String content, long atEpochMillis, boolean partial, AnswerMetrics metrics) {
        this(role, content, atEpochMillis, partial, metrics, null);
    }

    public static StoredMessage user(String text, long at) {
        return new StoredMessage(Role.USER, text, at, false, null);
    }

    public ChatMessage toChatMessage() {
        return new ChatMessage(role, content);
    }
}
