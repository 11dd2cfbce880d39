package dev.breakeven.core.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.SseReader;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.Role;

import java.net.http.HttpRequest;

/**
 * Anthropic's Messages API, streamed: {@code message_start} carries the input usage, {@code content_block_delta} the
 * text, {@code message_delta} the stop reason and the output usage, {@code message_stop} the end; an {@code error}
 * event (e.g. {@code overloaded_error}) may arrive mid-stream.
 */
public final class AnthropicEngine extends ApiChatEngine {
    static final String API_VERSION = "2023-06-01";

    AnthropicEngine(ApiSettings settings) {
        super(settings);
    }

    @Override
    HttpRequest.Builder request(ChatRequest request) {
        String base = settings.baseUrl().toString();
        String path = base.endsWith("/v1") ? "/messages" : "/v1/messages";
        return HttpRequest.newBuilder(settings.endpoint(path))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("x-api-key", settings.key().reveal())
                .header("anthropic-version", API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(body(request)));
    }

    String body(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.target().model());
        body.put("max_tokens", request.sampling().maxTokens());
        if (!request.systemPrompt().isBlank()) {
            body.put("system", request.systemPrompt());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            if (m.role() == Role.SYSTEM) {
                continue; // Anthropic takes the system prompt as a field, not a message
            }
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        body.put("temperature", Math.min(1.0, request.sampling().temperature()));
        body.put("stream", true);
        return body.toString();
    }

    @Override
    void onEvent(SseReader.Event event, JsonNode data, Turn turn) throws ChatEngineException {
        String type = data.path("type").asText(event.name());
        switch (type) {
            case "message_start" -> {
                JsonNode usage = data.path("message").path("usage");
                if (usage.has("input_tokens")) {
                    int cacheRead = usage.path("cache_read_input_tokens").asInt(0);
                    int cacheWrite = usage.path("cache_creation_input_tokens").asInt(0);
                    // Anthropic's input_tokens excludes cached reads and writes: the prompt is the sum.
                    turn.inputTokens = usage.path("input_tokens").asInt() + cacheRead + cacheWrite;
                    turn.cachedTokens = cacheRead;
                }
                if (usage.has("output_tokens")) {
                    turn.outputTokens = usage.path("output_tokens").asInt();
                }
            }
            case "content_block_delta" -> turn.text(data.path("delta").path("text").asText(""));
            case "message_delta" -> {
                if (data.path("delta").hasNonNull("stop_reason")) {
                    turn.finish = data.path("delta").path("stop_reason").asText();
                }
                if (data.path("usage").has("output_tokens")) {
                    turn.outputTokens = data.path("usage").path("output_tokens").asInt();
                }
            }
            case "message_stop" -> turn.complete = true;
            case "error" -> throw fail(who() + " reported an error mid-answer: "
                    + data.path("error").path("type").asText("error") + ": "
                    + data.path("error").path("message").asText("") + "; the partial answer is kept.");
            default -> {
                // ping, content_block_start/stop: nothing to record
            }
        }
    }
}
