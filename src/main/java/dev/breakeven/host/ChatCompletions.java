package dev.breakeven.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import de.kherud.llama.InferenceParameters;
import dev.breakeven.core.chat.EngineTimings;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}: the model's chat template, one answer per free slot, streamed as
 * server-sent events or returned whole; the final chunk carries {@code finish_reason}, {@code usage} and
 * llama.cpp's own {@code timings} under llama-server's field names.
 */
final class ChatCompletions {
    /** llama.cpp writes its timing report from its log thread just after the last token; it is there in ms. */
    private static final Duration TIMINGS_WAIT = Duration.ofMillis(500);
    private final ObjectMapper json = Json.mapper();
    private final HostSettings settings;
    private final String modelId;
    private final LlamaHost llama;
    private final TimingsFeed timings;
    private final SlotQueue slots;
    private final AtomicLong cancelled = new AtomicLong();
    private final int addedTokens;

    ChatCompletions(HostSettings settings, String modelId, LlamaHost llama, TimingsFeed timings, SlotQueue slots,
                    int addedTokens) {
        this.addedTokens = addedTokens;
        this.settings = settings;
        this.modelId = modelId;
        this.llama = llama;
        this.timings = timings;
        this.slots = slots;
    }

    long cancelled() {
        return cancelled.get();
    }

    void handle(HttpExchange exchange, CompletionRequest request) throws ApiException, IOException,
            InterruptedException {
        if (!request.model().isEmpty() && !request.model().equals(modelId)
                && !(request.model() + ".gguf").equals(modelId)) {
            throw new ApiException(404, "invalid_request_error", "model_not_found", "The model '" + request.model()
                    + "' does not exist here; this server has '" + modelId + "' (see GET /v1/models).");
        }
        String prompt = llama.applyTemplate(request.systemPrompt(), request.messages());
        int promptTokens = llama.countTokens(prompt) + addedTokens;
        int room = settings.slotContext() - promptTokens;
        if (room < 1) {
            throw new ApiException(413, "invalid_request_error", "context_length_exceeded", "The prompt is "
                    + promptTokens + " tokens, and this server's context holds " + settings.slotContext()
                    + " tokens per request (--ctx " + settings.contextSize() + " over --parallel "
                    + settings.parallel() + " slots). Shorten the conversation or start the server with a larger --ctx.");
        }
        int predict = Math.min(room, request.maxTokens().orElse(room));
        InferenceParameters parameters = parameters(prompt, request, predict);
        Answer answer = new Answer("chatcmpl-" + UUID.randomUUID(), System.currentTimeMillis() / 1000);
        if (request.stream()) {
            stream(exchange, parameters, answer, promptTokens, predict);
        } else {
            whole(exchange, parameters, answer, promptTokens, predict);
        }
    }

    private void stream(HttpExchange exchange, InferenceParameters parameters, Answer answer, int promptTokens,
                        int predict) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        // Waiting for a slot keeps the connection alive with SSE comments, and notices a client that left.
        slots.acquire(() -> write(out, ": waiting for a free slot\n\n"));
        try {
            ObjectNode first = chunk(answer);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").put("role", "assistant").put("content", "");
            event(out, first);
            LlamaHost.Generation generation = llama.generate(parameters);
            int generated = 0;
            while (generation.hasNext()) {
                String piece = generation.next();
                if (!generation.hasNext()) {
                    // the last output is llama.cpp's end marker, not a token (its text, if any, is still sent)
                    if (!piece.isEmpty() && !send(out, answer, piece, generation)) {
                        return;
                    }
                    break;
                }
                generated++;
                if (!piece.isEmpty() && !send(out, answer, piece, generation)) {
                    return;
                }
            }
            ObjectNode last = chunk(answer);
            finish(last, answer, promptTokens, generated, predict, timings.await(generation.task(), TIMINGS_WAIT));
            last.withArray("choices").addObject().put("index", 0).put("finish_reason", answer.finishReason)
                    .putObject("delta");
            event(out, last);
            write(out, "data: [DONE]\n\n");
        } catch (RuntimeException e) {
            // The status line is long gone: say it in the stream, as llama-server does, and end it.
            System.err.println("breakeven serve: answer failed: " + e);
            event(out, HostServer.errorBody(new ApiException(500, "server_error", "internal_error",
                    "The engine failed while answering: " + e.getMessage())));
        } finally {
            slots.release();
            out.close();
        }
    }

    /** Writes one token's chunk; false (and the task cancelled) when the client has gone. */
    private boolean send(OutputStream out, Answer answer, String piece, LlamaHost.Generation generation) {
        ObjectNode chunk = chunk(answer);
        chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("content", piece);
        try {
            event(out, chunk);
            return true;
        } catch (IOException clientGone) {
            generation.cancel(); // frees the slot on the native side before the next token
            timings.forget(generation.task());
            cancelled.incrementAndGet();
            return false;
        }
    }

    private void whole(HttpExchange exchange, InferenceParameters parameters, Answer answer, int promptTokens,
                       int predict) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        int generated = 0;
        Optional<EngineTimings> reported;
        slots.acquire(() -> { });
        try {
            LlamaHost.Generation generation = llama.generate(parameters);
            while (generation.hasNext()) {
                text.append(generation.next());
                if (generation.hasNext()) {
                    generated++;
                }
            }
            reported = timings.await(generation.task(), TIMINGS_WAIT);
        } finally {
            slots.release();
        }
        ObjectNode body = json.createObjectNode().put("id", answer.id).put("object", "chat.completion")
                .put("created", answer.created).put("model", modelId);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text.toString());
        finish(body, answer, promptTokens, generated, predict, reported);
        choice.put("finish_reason", answer.finishReason);
        HostServer.send(exchange, 200, body);
    }

    /** Adds usage and timings; decides the finish reason (the answer ran into its token limit or stopped). */
    private void finish(ObjectNode node, Answer answer, int promptTokens, int counted, int predict,
                        Optional<EngineTimings> reported) {
        int generated = reported.map(EngineTimings::predictedTokens).orElse(counted);
        answer.finishReason = generated >= predict ? "length" : "stop";
        node.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", generated)
                .put("total_tokens", promptTokens + generated);
        reported.ifPresent(t -> node.putObject("timings")
                .put("cache_n", Math.max(0, promptTokens - t.promptTokens()))
                .put("prompt_n", t.promptTokens()).put("prompt_ms", t.promptMs())
                .put("prompt_per_token_ms", t.promptTokens() == 0 ? 0 : t.promptMs() / t.promptTokens())
                .put("prompt_per_second", t.promptPerSecond())
                .put("predicted_n", t.predictedTokens()).put("predicted_ms", t.predictedMs())
                .put("predicted_per_token_ms", t.predictedTokens() == 0 ? 0 : t.predictedMs() / t.predictedTokens())
                .put("predicted_per_second", t.predictedPerSecond()));
    }

    private ObjectNode chunk(Answer answer) {
        return json.createObjectNode().put("id", answer.id).put("object", "chat.completion.chunk")
                .put("created", answer.created).put("model", modelId);
    }

    private static InferenceParameters parameters(String prompt, CompletionRequest request, int predict) {
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(predict)
                .setTemperature((float) request.temperature())
                .setTopP((float) request.topP())
                .setTopK(request.topK())
                .setMinP((float) request.minP())
                .setRepeatPenalty((float) request.repeatPenalty())
                .setPresencePenalty((float) request.presencePenalty())
                .setFrequencyPenalty((float) request.frequencyPenalty())
                .setCachePrompt(true);
        request.seed().ifPresent(seed -> parameters.setSeed((int) seed)); // llama.cpp's seed is 32 bits
        if (!request.stop().isEmpty()) {
            parameters.setStopStrings(request.stop().toArray(String[]::new));
        }
        if (request.ignoreEos()) {
            parameters.setIgnoreEos(true);
        }
        return parameters;
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        write(out, "data: " + data + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** What one answer's chunks share. */
    private static final class Answer {
        final String id;
        final long created;
        String finishReason = "stop";

        Answer(String id, long created) {
            this.id = id;
            this.created = created;
        }
    }
}
