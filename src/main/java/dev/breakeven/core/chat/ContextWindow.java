package dev.breakeven.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Keeps a conversation inside the model's context: drops the oldest turns until the prompt plus room for the
 * answer fits, and says how many were dropped so the UI can show it. The latest user message is never dropped.
 */
public final class ContextWindow {
    /** Tokens a chat template adds around each message (role markers, separators); a safe round figure. */
    static final int TEMPLATE_TOKENS_PER_MESSAGE = 6;

    private ContextWindow() {
    }

    /** What will be sent: the kept messages, how many were dropped, the prompt's size and the answer room. */
    public record Fit(List<ChatMessage> kept, int droppedMessages, int promptTokens, int answerRoom, int contextSize) {
        public double usage() {
            return contextSize <= 0 ? 0 : Math.min(1.0, (double) promptTokens / contextSize);
        }
    }

    public static Fit fit(String systemPrompt, List<ChatMessage> messages, int contextSize, int maxAnswerTokens,
                          ToIntFunction<String> tokens) throws ChatEngineException {
        int system = systemPrompt.isBlank() ? 0 : tokens.applyAsInt(systemPrompt) + TEMPLATE_TOKENS_PER_MESSAGE;
        int[] sizes = messages.stream().mapToInt(m -> tokens.applyAsInt(m.content()) + TEMPLATE_TOKENS_PER_MESSAGE).toArray();
        if (contextSize <= 0) { // the engine does not say: send everything, it will complain itself
            int total = system;
            for (int size : sizes) {
                total += size;
            }
            return new Fit(List.copyOf(messages), 0, total, maxAnswerTokens, 0);
        }
        int reserve = Math.min(maxAnswerTokens, contextSize / 4);
        int last = sizes.length - 1;
        if (system + sizes[last] + reserve > contextSize) {
            throw new ChatEngineException("This message needs about " + (system + sizes[last]) + " tokens with the "
                    + "system prompt, and the context holds " + contextSize + " with " + reserve
                    + " kept for the answer. Shorten it, or load the model with a larger context.");
        }
        int total = system;
        for (int size : sizes) {
            total += size;
        }
        int first = 0;
        while (total + reserve > contextSize && first < last) {
            total -= sizes[first];
            first++;
            // Drop an answer together with the question before it, so the history never starts mid-turn.
            if (first < last && messages.get(first).role() == Role.ASSISTANT) {
                total -= sizes[first];
                first++;
            }
        }
        List<ChatMessage> kept = new ArrayList<>(messages.subList(first, messages.size()));
        return new Fit(List.copyOf(kept), first, total, Math.min(maxAnswerTokens, contextSize - total), contextSize);
    }
}
