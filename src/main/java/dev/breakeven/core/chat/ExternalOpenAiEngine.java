package dev.breakeven.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Any local server speaking the OpenAI chat API (llama.cpp's llama-server, Ollama, LM Studio), streamed over
 * server-sent events. llama-server's {@code timings} object, when present, supplies the engine's own rates.
 */
public final class ExternalOpenAiEngine implements ChatEngine {
    private static final int CHARS_PER_TOKEN_ESTIMATE = 4;
    private final ExternalSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();
    private volatile String model = "";
    private volatile int contextSize;
    private volatile boolean prepared;
    private volatile boolean tokenizer;

    public ExternalOpenAiEngine(ExternalSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String label() {
        return "external " + settings.baseUrl();
    }

    @Override
    public String modelName() {
        return model.isEmpty() ? settings.model() : model;
    }

    @Override
    public void prepare(Cancellation cancel) throws ChatEngineException {
        if (prepared) {
            return;
        }
        HttpRequest request = request("/v1/models").timeout(settings.connectTimeout()).GET().build();
        JsonNode body;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ChatEngineException(settings.baseUrl() + " answered HTTP " + response.statusCode()
                        + " to /v1/models" + errorDetail(response.body()) + ". Is it an OpenAI-compatible server?");
            }
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw connectionFailure(e, settings.connectTimeout().toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatEngineException("Interrupted while reaching " + settings.baseUrl());
        }
        JsonNode chosen = null;
        for (JsonNode entry : body.path("data")) {
            if (chosen == null || entry.path("id").asText().equals(settings.model())) {
                chosen = entry;
            }
        }
        if (chosen == null && settings.model().isEmpty()) {
            throw new ChatEngineException(settings.baseUrl() + " lists no models; load one in the server first.");
        }
        model = settings.model().isEmpty() ? chosen.path("id").asText() : settings.model();
        contextSize = chosen == null ? 0 : chosen.path("meta").path("n_ctx").asInt(0);
        tokenizer = tokenize("a").isPresent();
        prepared = true;
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    /** llama-server's own tokenizer ({@code /tokenize}) where the server has one; else about four characters a token. */
    @Override
    public int countTokens(String text) {
        if (tokenizer && !text.isEmpty()) {
            java.util.OptionalInt exact = tokenize(text);
            if (exact.isPresent()) {
                return exact.getAsInt();
            }
        }
        return (text.length() + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE;
    }

    /** Whether the server tokenizes for us (llama-server and the built-in host do; the OpenAI API does not). */
    public boolean exactTokenCounts() {
        return tokenizer;
    }

    /** The token count of {@code text} by the server's {@code /tokenize}, empty where it has none. */
    private java.util.OptionalInt tokenize(String text) {
        ObjectNode body = json.createObjectNode().put("content", text);
        try {
            HttpResponse<String> response = http.send(request("/tokenize").timeout(settings.connectTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = response.statusCode() == 200 ? json.readTree(response.body()).path("tokens") : null;
            return tokens != null && tokens.isArray() ? java.util.OptionalInt.of(tokens.size()) : java.util.OptionalInt.empty();
        } catch (IOException e) {
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** The templated prompt's tokens by the server ({@code /apply-template} then {@code /tokenize}) when it can. */
    private java.util.OptionalInt templatedTokens(ChatRequest request) {
        if (!tokenizer) {
            return java.util.OptionalInt.empty();
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isBlank()) {
            messages.addObject().put("role", Role.SYSTEM.wireName()).put("content", request.systemPrompt());
        }
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        try {
            HttpResponse<String> response = http.send(request("/apply-template").timeout(settings.connectTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return java.util.OptionalInt.empty();
            }
            JsonNode prompt = json.readTree(response.body()).path("prompt");
            return prompt.isTextual() ? tokenize(prompt.asText()) : java.util.OptionalInt.empty();
        } catch (IOException e) {
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** A request to {@code path} with the credentials the user gave, if any. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint(path));
        if (!settings.authorization().isEmpty()) {
            builder.header("Authorization", settings.authorization());
        }
        return builder;
    }

    @Override
    public GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink,
                                     Cancellation cancel) throws ChatEngineException {
        prepare(cancel);
        HttpRequest httpRequest = request("/v1/chat/completions").timeout(settings.firstTokenTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(request))).build();
        metrics.started(estimatePrompt(request));
        StringBuilder answer = new StringBuilder();
        String finish = null;
        boolean done = false;
        String cutNote = null;
        IdleWatch watch = null;
        try {
            HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream stream = response.body()) {
                cancel.onCancel(() -> closeQuietly(stream)); // unblocks the reads below
                SseReader events = new SseReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                watch = IdleWatch.start(stream, events::lastDataNanos, () -> answer.isEmpty()
                        ? settings.firstTokenTimeout() : settings.idleTimeout());
                if (response.statusCode() != 200) {
                    String text = new String(stream.readNBytes(4096), StandardCharsets.UTF_8);
                    throw new ChatEngineException(settings.baseUrl() + " answered HTTP " + response.statusCode()
                            + errorDetail(text));
                }
                String data;
                while (!cancel.isCancelled() && (data = events.next()) != null) {
                    if (data.equals("[DONE]")) {
                        done = true;
                        break;
                    }
                    String reason = onChunk(json.readTree(data), metrics, sink, answer);
                    finish = reason != null ? reason : finish;
                }
            }
        } catch (SseReader.LimitExceeded e) {
            throw new ChatEngineException(settings.baseUrl() + " sent " + e.getMessage()
                    + "; stopped reading (is it an OpenAI-compatible server?)", e);
        } catch (IOException e) {
            if (!cancel.isCancelled() && (watch == null || !watch.fired())) {
                if (answer.isEmpty() || e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                    throw connectionFailure(e, settings.firstTokenTimeout().toSeconds());
                } else {
                    cutNote = "lost the connection to " + settings.baseUrl() + " mid-answer";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        } finally {
            if (watch != null) {
                watch.stop();
            }
            metrics.finished();
        }
        if (!cancel.isCancelled() && watch != null && watch.fired()) {
            // the watch closed the stream: the read ended with an error or a plain end of stream
            cutNote = "no data from " + settings.baseUrl() + " for " + watch.limitSeconds()
                    + " s; the server seems frozen or overloaded";
            if (answer.isEmpty()) {
                throw new ChatEngineException(upperFirst(cutNote) + ".");
            }
        }
        StopReason stop;
        if (cancel.isCancelled()) {
            stop = StopReason.CANCELLED;
        } else if (cutNote != null || !done && finish == null) {
            stop = StopReason.CUT;
            cutNote = cutNote != null ? cutNote : "the stream from " + settings.baseUrl()
                    + " ended without a finish reason or [DONE]";
        } else {
            stop = "length".equals(finish) ? StopReason.LENGTH : StopReason.FINISHED;
        }
        return new GenerationResult(answer.toString(), stop, metrics.snapshot(),
                stop == StopReason.CUT ? "cut: " + cutNote : "");
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Applies one streamed chunk; returns its finish reason, if it has one. */
    private String onChunk(JsonNode chunk, GenerationMetrics metrics, TokenSink sink, StringBuilder answer)
            throws ChatEngineException {
        if (chunk.has("error")) {
            throw new ChatEngineException(settings.baseUrl() + " reported an error: " + errorText(chunk));
        }
        String finish = null;
        for (JsonNode choice : chunk.path("choices")) {
            String piece = choice.path("delta").path("content").asText("");
            if (!piece.isEmpty()) {
                metrics.token();
                answer.append(piece);
                sink.accept(piece);
            }
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.path("finish_reason").asText();
            }
        }
        JsonNode usage = chunk.path("usage");
        if (usage.has("prompt_tokens")) {
            metrics.promptTokens(usage.path("prompt_tokens").asInt());
        }
        JsonNode t = chunk.path("timings");
        if (t.has("predicted_per_second")) {
            metrics.engineReported(new EngineTimings(t.path("prompt_n").asInt(), t.path("prompt_ms").asDouble(),
                    t.path("prompt_per_second").asDouble(), t.path("predicted_n").asInt(),
                    t.path("predicted_ms").asDouble(), t.path("predicted_per_second").asDouble()));
            if (t.path("prompt_n").asInt() > 0 && !usage.has("prompt_tokens")) {
                metrics.promptTokens(t.path("prompt_n").asInt() + t.path("cache_n").asInt());
            }
        }
        return finish;
    }

    private String body(ChatRequest request) {
        SamplingSettings s = request.sampling();
        ObjectNode body = json.createObjectNode();
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        ArrayNode messages = body.putArray("messages");
        if (!request.systemPrompt().isBlank()) {
            messages.addObject().put("role", Role.SYSTEM.wireName()).put("content", request.systemPrompt());
        }
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("temperature", s.temperature()).put("top_p", s.topP()).put("top_k", s.topK())
                .put("min_p", s.minP()).put("repeat_penalty", s.repeatPenalty()).put("max_tokens", s.maxTokens());
        if (s.seed() >= 0) {
            body.put("seed", s.seed());
        }
        if (request.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        return body.toString();
    }

    @Override
    public int countPromptTokens(ChatRequest request) {
        return templatedTokens(request).orElseGet(() -> estimatePrompt(request));
    }

    private int estimatePrompt(ChatRequest request) {
        int chars = request.systemPrompt().length();
        for (ChatMessage message : request.messages()) {
            chars += message.content().length();
        }
        int messages = request.messages().size() + (request.systemPrompt().isBlank() ? 0 : 1);
        return (chars + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE
                + messages * ContextWindow.TEMPLATE_TOKENS_PER_MESSAGE;
    }

    private ChatEngineException connectionFailure(IOException e, long timeoutSeconds) {
        String where = settings.baseUrl().toString();
        if (e instanceof ConnectException) {
            return new ChatEngineException("Nothing answers at " + where + " (connection refused). "
                    + "Is llama-server, Ollama or LM Studio running there?", e);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new ChatEngineException(where + " did not accept a connection within "
                    + settings.connectTimeout().toSeconds() + " s.", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ChatEngineException(where + " did not answer within " + timeoutSeconds + " s.", e);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return new ChatEngineException(where + " sent something that is not OpenAI-style JSON.", e);
        }
        return new ChatEngineException("Lost the connection to " + where + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    private String errorDetail(String body) {
        try {
            String text = errorText(json.readTree(body));
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            String trimmed = body.strip();
            return trimmed.isEmpty() ? "" : " (" + trimmed.substring(0, Math.min(200, trimmed.length())) + ")";
        }
    }

    private static String errorText(JsonNode node) {
        JsonNode error = node.path("error");
        return error.isTextual() ? error.asText() : error.path("message").asText("");
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing is how we stop; a failure to close changes nothing for the user
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
