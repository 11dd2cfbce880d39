package dev.breakeven.core.chat;

import java.util.List;

/**
 * What to answer: an optional system prompt, the conversation so far (ending with the user's turn) and the
 * sampling settings. {@code ignoreEos} keeps generating to {@code maxTokens} (benchmarks only).
 */
public record ChatRequest(String systemPrompt, List<ChatMessage> messages, SamplingSettings sampling,
                          boolean ignoreEos) {
    public ChatRequest {
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        sampling = sampling == null ? SamplingSettings.defaults() : sampling;
    }

    public ChatRequest(String systemPrompt, List<ChatMessage> messages, SamplingSettings sampling) {
        this(systemPrompt, messages, sampling, false);
    }
}
