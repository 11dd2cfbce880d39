package dev.breakeven.host;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An OpenAI chat-completions request body, checked field by field so a bad value gets a 400 that names it.
 * Beyond OpenAI's fields it takes llama-server's {@code top_k}, {@code min_p}, {@code repeat_penalty} and
 * {@code ignore_eos}. System (and "developer") messages are joined into the template's one system prompt.
 */
record CompletionRequest(String model, String systemPrompt, List<LlamaHost.Message> messages, boolean stream,
                         double temperature, double topP, int topK, double minP, double repeatPenalty,
                         double presencePenalty, double frequencyPenalty, OptionalInt maxTokens, OptionalLong seed,
                         List<String> stop, boolean ignoreEos) {
    private static final int MAX_STOP_STRINGS = 16;

    static CompletionRequest parse(JsonNode body) throws ApiException {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        String model = text(body, "model");
        StringBuilder system = new StringBuilder();
        List<LlamaHost.Message> messages = new ArrayList<>();
        JsonNode list = body.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("'messages' must be a non-empty array of {role, content} objects.");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            if (!message.isObject()) {
                throw ApiException.badRequest("messages[" + i + "] must be an object with 'role' and 'content'.");
            }
            String role = message.path("role").asText("");
            String content = content(message.get("content"), i);
            switch (role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n\n").append(content);
                case "user", "assistant" -> messages.add(new LlamaHost.Message(role, content));
                default -> throw ApiException.badRequest("messages[" + i + "].role must be system, developer, user"
                        + " or assistant, not '" + role + "'.");
            }
        }
        if (messages.isEmpty()) {
            throw ApiException.badRequest("'messages' needs at least one user message.");
        }
        if (body.has("n") && body.get("n").asInt(-1) != 1) {
            throw ApiException.badRequest("'n' must be 1: this server answers with one choice.");
        }
        OptionalInt maxTokens = integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens.isEmpty()) {
            maxTokens = integer(body, "max_tokens", 1, Integer.MAX_VALUE);
        }
        OptionalLong seed = body.hasNonNull("seed") ? OptionalLong.of(longValue(body, "seed")) : OptionalLong.empty();
        return new CompletionRequest(model, system.toString(), List.copyOf(messages), bool(body, "stream"),
                number(body, "temperature", 0.8, 0, 5), number(body, "top_p", 0.95, Double.MIN_VALUE, 1),
                integer(body, "top_k", 0, Integer.MAX_VALUE).orElse(40), number(body, "min_p", 0.05, 0, 0.999999),
                number(body, "repeat_penalty", 1.0, Double.MIN_VALUE, 10),
                number(body, "presence_penalty", 0, -2, 2), number(body, "frequency_penalty", 0, -2, 2),
                maxTokens, seed, stop(body.get("stop")), bool(body, "ignore_eos"));
    }

    private static String content(JsonNode content, int index) throws ApiException {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) { // [{"type":"text","text":"…"}, …]
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiException.badRequest("messages[" + index + "].content: only text parts are supported.");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiException.badRequest("messages[" + index + "].content must be a string or an array of text parts.");
    }

    private static List<String> stop(JsonNode stop) throws ApiException {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (stop.isTextual()) {
            strings.add(stop.asText());
        } else if (stop.isArray() && stop.size() <= MAX_STOP_STRINGS) {
            for (JsonNode item : stop) {
                if (!item.isTextual()) {
                    throw ApiException.badRequest("'stop' must hold strings only.");
                }
                strings.add(item.asText());
            }
        } else {
            throw ApiException.badRequest("'stop' must be a string or an array of at most " + MAX_STOP_STRINGS
                    + " strings.");
        }
        if (strings.stream().anyMatch(String::isEmpty)) {
            throw ApiException.badRequest("'stop' strings must not be empty.");
        }
        return List.copyOf(strings);
    }

    private static String text(JsonNode body, String field) throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode body, String field) throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false.");
        }
        return value.asBoolean();
    }

    private static double number(JsonNode body, String field, double fallback, double min, double max)
            throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < min
                || value.asDouble() > max) {
            throw ApiException.badRequest("'" + field + "' must be a number from " + trim(min) + " to " + trim(max)
                    + ", not " + value + ".");
        }
        return value.asDouble();
    }

    private static OptionalInt integer(JsonNode body, String field, int min, int max) throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw ApiException.badRequest("'" + field + "' must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not " + value + ".");
        }
        return OptionalInt.of(value.asInt());
    }

    private static long longValue(JsonNode body, String field) throws ApiException {
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("'" + field + "' must be a whole number, not " + value + ".");
        }
        return value.asLong();
    }

    private static String trim(double value) {
        return value == Double.MIN_VALUE ? "just above 0"
                : value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
