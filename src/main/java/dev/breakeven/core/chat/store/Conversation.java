package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.SamplingSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One conversation, saved as one JSON file named after its id. Immutable; changes make a new value. {@code routing}
 * is the engine choice it was last answered with (null in files saved before it was recorded).
 */
public record Conversation(String id, String title, long createdEpochMillis, long updatedEpochMillis,
                           String systemPrompt, SamplingSettings sampling, List<StoredMessage> messages,
                           ChatRouting routing) {

    public Conversation {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("conversation id must be letters, digits and dashes: " + id);
        }
        title = title == null || title.isBlank() ? "New conversation" : title.strip();
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        sampling = sampling == null ? SamplingSettings.defaults() : sampling;
        messages = List.copyOf(messages);
    }

    public Conversation(String id, String title, long createdEpochMillis, long updatedEpochMillis,
                        String systemPrompt, SamplingSettings sampling, List<StoredMessage> messages) {
        this(id, title, createdEpochMillis, updatedEpochMillis, systemPrompt, sampling, messages, null);
    }

    public Conversation withRouting(ChatRouting newRouting) {
        return new Conversation(id, title, createdEpochMillis, updatedEpochMillis, systemPrompt, sampling, messages,
                newRouting);
    }

    public static Conversation start(String systemPrompt, SamplingSettings sampling, long now) {
        return new Conversation(UUID.randomUUID().toString(), null, now, now, systemPrompt, sampling, List.of());
    }

    public Conversation withTitle(String newTitle) {
        return new Conversation(id, newTitle, createdEpochMillis, updatedEpochMillis, systemPrompt, sampling, messages, routing);
    }

    public Conversation withSettings(String newSystemPrompt, SamplingSettings newSampling) {
        return new Conversation(id, title, createdEpochMillis, updatedEpochMillis, newSystemPrompt, newSampling, messages, routing);
    }

    public Conversation withMessages(List<StoredMessage> newMessages, long now) {
        String newTitle = title;
        if ("New conversation".equals(title) && !newMessages.isEmpty()) {
            newTitle = titleFrom(newMessages.getFirst().content());
        }
        return new Conversation(id, newTitle, createdEpochMillis, now, systemPrompt, sampling, newMessages, routing);
    }

    public Conversation append(StoredMessage message, long now) {
        List<StoredMessage> all = new ArrayList<>(messages);
        all.add(message);
        return withMessages(all, now);
    }

    /** Replaces the last message (the answer being streamed). */
    public Conversation replaceLast(StoredMessage message, long now) {
        List<StoredMessage> all = new ArrayList<>(messages);
        all.set(all.size() - 1, message);
        return withMessages(all, now);
    }

    public boolean mentions(String query) {
        String needle = query.toLowerCase(Locale.ROOT);
        if (title.toLowerCase(Locale.ROOT).contains(needle) || systemPrompt.toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        return messages.stream().anyMatch(m -> m.content().toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String titleFrom(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
