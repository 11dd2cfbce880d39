package dev.breakeven.core.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.SseReader;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;

import java.net.http.HttpRequest;

/**
 * OpenAI's chat completions API as OpenAI, OpenRouter, Groq, Together, Fireworks and DeepSeek serve it: streamed,
 * with {@code stream_options.include_usage} so the last chunk carries the provider's token counts.
 */
public final class OpenAiCompatibleEngine extends ApiChatEngine {

    OpenAiCompatibleEngine(ApiSettings settings) {
        super(settings);
    }

    @Override
    HttpRequest.Builder request(ChatRequest request) {
        return HttpRequest.newBuilder(settings.endpoint("/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + settings.key().reveal())
                .header("X-Title", "Breakeven") // OpenRouter's app attribution; others ignore it
                .POST(HttpRequest.BodyPublishers.ofString(body(request)));
    }

    String body(ChatRequest request) {
        SamplingSettings s = request.sampling();
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.target().model());
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isBlank()) {
            messages.addObject().put("role", Role.SYSTEM.wireName()).put("content", request.systemPrompt());
        }
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        boolean openAi = settings.target().provider() == ApiProvider.OPENAI;
        // OpenAI's reasoning models take only the default temperature and count max_completion_tokens.
        if (!(openAi && reasoningModel(settings.target().model()))) {
            body.put("temperature", s.temperature());
        }
        body.put(openAi ? "max_completion_tokens" : "max_tokens", s.maxTokens());
        if (s.seed() >= 0) {
            body.put("seed", s.seed());
        }
        return body.toString();
    }

    static boolean reasoningModel(String model) {
        String m = lower(model);
        return m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("gpt-5");
    }

    @Override
    boolean isEndSentinel(String data) {
        return data.strip().equals("[DONE]");
    }

    @Override
    void onEvent(SseReader.Event event, JsonNode chunk, Turn turn) throws ChatEngineException {
        if (chunk.has("error")) {
            JsonNode e = chunk.path("error");
            throw fail(who() + " reported an error mid-answer: "
                    + (e.isTextual() ? e.asText() : e.path("message").asText("unknown")) + "; the partial answer is kept.");
        }
        for (JsonNode choice : chunk.path("choices")) {
            turn.text(choice.path("delta").path("content").asText(""));
            if (choice.hasNonNull("finish_reason")) {
                turn.finish = choice.path("finish_reason").asText();
                turn.complete = true;
            }
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            if (usage.has("prompt_tokens")) {
                turn.inputTokens = usage.path("prompt_tokens").asInt();
            }
            if (usage.has("completion_tokens")) {
                turn.outputTokens = usage.path("completion_tokens").asInt();
            }
            turn.cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asInt(turn.cachedTokens);
        }
    }
}
