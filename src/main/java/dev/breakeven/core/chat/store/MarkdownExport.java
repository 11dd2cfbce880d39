package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.Role;

import java.util.Locale;

/** A conversation as a Markdown document a person can read or paste elsewhere. */
public final class MarkdownExport {
    private MarkdownExport() {
    }

    public static String toMarkdown(Conversation conversation) {
        StringBuilder md = new StringBuilder("# ").append(conversation.title()).append("\n\n");
        if (!conversation.systemPrompt().isBlank()) {
            md.append("> System prompt: ").append(conversation.systemPrompt().strip().replace("\n", "\n> ")).append("\n\n");
        }
        for (StoredMessage message : conversation.messages()) {
            md.append("## ").append(message.role() == Role.USER ? "You" : "Assistant");
            AnswerMetrics m = message.metrics();
            if (m != null) {
                md.append(" (").append(m.model());
                if (m.decodeTokPerSec() != null) {
                    md.append(String.format(Locale.ROOT, ", %d tokens at %.1f tok/s", m.genTokens(), m.decodeTokPerSec()));
                }
                if (m.joules() != null) {
                    md.append(String.format(Locale.ROOT, ", %.1f J %s", m.joules(), m.powerLabel()));
                }
                md.append(')');
            }
            if (message.partial()) {
                md.append(" (unfinished)");
            }
            md.append("\n\n").append(message.content().strip()).append("\n\n");
            TurnRoute route = message.route();
            if (route != null && (route.viaApi() || !route.reasons().isEmpty() || route.error() != null)) {
                md.append("*").append(route.headline()).append(" · ").append(route.figures())
                        .append(route.error() == null ? "" : " · " + route.error()).append("*\n\n");
            }
        }
        return md.toString();
    }
}
