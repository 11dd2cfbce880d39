package dev.breakeven.core.chat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.EngineTimings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.SseReader;
import dev.breakeven.core.chat.StopReason;
import dev.breakeven.core.chat.TokenSink;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hosted API as a {@link ChatEngine}: one streamed request per answer, the provider's usage read from the stream,
 * and every failure (unreachable host, 401, 403, 429, 5xx, a malformed or cut stream) turned into one clear
 * sentence. What streamed before a failure stays with the caller's sink; {@link #lastTurn()} has the figures either
 * way. The key goes into a request header and nowhere else: error texts are passed through {@link ApiKey#redact}.
 */
public abstract sealed class ApiChatEngine implements ChatEngine permits OpenAiCompatibleEngine, AnthropicEngine {
    static final int CHARS_PER_TOKEN_ESTIMATE = 4;
    /** Role markers a chat template adds per message (as ContextWindow assumes for local models). */
    private static final int TEMPLATE_TOKENS_PER_MESSAGE = 6;
    protected final ApiSettings settings;
    protected final ObjectMapper json = Json.mapper();
    private final HttpClient http;
    private final Optional<ApiPrice> price;
    private volatile ApiTurn lastTurn;

    ApiChatEngine(ApiSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
        this.price = ApiPricing.find(settings.catalog(), settings.target());
    }

    /** The request for this answer: endpoint, headers (with the key) and body. */
    abstract HttpRequest.Builder request(ChatRequest request);

    /** Applies one event of the stream to the turn. */
    abstract void onEvent(SseReader.Event event, JsonNode data, Turn turn) throws ChatEngineException;

    /** Whether the OpenAI {@code [DONE]} sentinel or similar ends the stream; such data is not JSON. */
    boolean isEndSentinel(String data) {
        return false;
    }

    public ApiTarget target() {
        return settings.target();
    }

    /** The catalog price used for the cost of each turn, if the catalog knows the model. */
    public Optional<ApiPrice> price() {
        return price;
    }

    /** The latest answer's figures, also after a failure; null before the first. */
    public ApiTurn lastTurn() {
        return lastTurn;
    }

    @Override
    public String label() {
        return settings.target() + " (API)";
    }

    @Override
    public String modelName() {
        return settings.target().model();
    }

    /** Nothing to load: the key and endpoint are checked by the first request, which says clearly what failed. */
    @Override
    public void prepare(Cancellation cancel) {
    }

    @Override
    public int contextSize() {
        return price.map(p -> (int) Math.min(Integer.MAX_VALUE, p.contextWindow())).orElse(0);
    }

    /** An estimate (about four characters a token): the providers' tokenizers are not available offline. */
    @Override
    public int countTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE;
    }

    @Override
    public int countPromptTokens(ChatRequest request) {
        int chars = request.systemPrompt().length();
        for (ChatMessage m : request.messages()) {
            chars += m.content().length();
        }
        int messages = request.messages().size() + (request.systemPrompt().isBlank() ? 0 : 1);
        return (chars + CHARS_PER_TOKEN_ESTIMATE - 1) / CHARS_PER_TOKEN_ESTIMATE
                + messages * TEMPLATE_TOKENS_PER_MESSAGE;
    }

    /** The state of one streamed answer, filled in by {@link #onEvent}. */
    static final class Turn {
        final StringBuilder answer = new StringBuilder();
        private final GenerationMetrics metrics;
        private final TokenSink sink;
        int inputTokens = -1;
        int cachedTokens;
        int outputTokens = -1;
        String finish;
        boolean complete;

        Turn(GenerationMetrics metrics, TokenSink sink) {
            this.metrics = metrics;
            this.sink = sink;
        }

        void text(String piece) {
            if (piece != null && !piece.isEmpty()) {
                metrics.token();
                answer.append(piece);
                sink.accept(piece);
            }
        }
    }

    @Override
    public final GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink,
                                           Cancellation cancel) throws ChatEngineException {
        Turn turn = new Turn(metrics, sink);
        int estimate = countPromptTokens(request);
        metrics.started(estimate);
        String error = null;
        try {
            stream(request, turn, cancel);
            if (!turn.complete && !cancel.isCancelled()) {
                throw fail("The stream from " + who() + " ended before the answer was complete ("
                        + turn.answer.length() + " characters received); the partial answer is kept.");
            }
        } catch (ChatEngineException e) {
            error = e.getMessage();
            throw e;
        } finally {
            metrics.finished();
            lastTurn = figures(turn, estimate, metrics, error);
        }
        StopReason stop = cancel.isCancelled() ? StopReason.CANCELLED
                : isLength(turn.finish) ? StopReason.LENGTH : StopReason.FINISHED;
        return new GenerationResult(turn.answer.toString(), stop, metrics.snapshot());
    }

    private static boolean isLength(String finish) {
        return "length".equals(finish) || "max_tokens".equals(finish);
    }

    private void stream(ChatRequest request, Turn turn, Cancellation cancel) throws ChatEngineException {
        HttpRequest httpRequest = request(request).timeout(settings.idleTimeout()).build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
                return;
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 200) {
                    read(body, turn, cancel);
                    return;
                }
                String detail = detail(new String(body.readNBytes(4096), StandardCharsets.UTF_8));
                if (status == 429) {
                    Duration wait = retryAfter(response);
                    if (attempt == 0 && wait != null && wait.compareTo(settings.maxRetryWait()) <= 0) {
                        sleep(wait, cancel);
                        if (cancel.isCancelled()) {
                            return;
                        }
                        continue;
                    }
                    throw fail(who() + " is rate-limiting requests (HTTP 429)"
                            + (wait == null ? "" : "; it asks to wait " + wait.toSeconds() + " s before retrying")
                            + detail + ".");
                }
                throw fail(statusMessage(status) + detail + ".");
            } catch (IOException e) {
                if (cancel.isCancelled()) {
                    return;
                }
                throw fail("Lost the connection to " + who() + " mid-answer ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); the partial answer is kept.");
            }
        }
    }

    private void read(InputStream body, Turn turn, Cancellation cancel) throws IOException, ChatEngineException {
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        cancel.onCancel(() -> closeQuietly(body));
        // The HTTP client's timeout covers only the headers: a stream that stalls afterwards is closed here.
        Thread watchdog = Thread.ofVirtual().start(() -> {
            long idle = settings.idleTimeout().toNanos();
            try {
                while (System.nanoTime() - lastRead.get() < idle) {
                    Thread.sleep(Math.max(1, Math.min(1000, idle / 1_000_000 / 4)));
                }
                closeQuietly(body);
            } catch (InterruptedException done) {
                // the stream ended normally
            }
        });
        try {
            SseReader events = new SseReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            SseReader.Event event;
            while (!cancel.isCancelled() && (event = nextEvent(events)) != null) {
                lastRead.set(System.nanoTime());
                if (isEndSentinel(event.data())) {
                    turn.complete = true;
                    break;
                }
                JsonNode data;
                try {
                    data = json.readTree(event.data());
                } catch (JsonProcessingException e) {
                    throw fail(who() + " sent a malformed stream (an event that is not JSON: "
                            + clip(event.data()) + "); the partial answer is kept.");
                }
                if (data == null || !data.isObject()) {
                    throw fail(who() + " sent a malformed stream (an event that is not a JSON object: "
                            + clip(event.data()) + "); the partial answer is kept.");
                }
                onEvent(event, data, turn);
            }
        } finally {
            watchdog.interrupt();
        }
    }

    /** The next event; one over the reader's caps is a malformed stream, not a lost connection. */
    private SseReader.Event nextEvent(SseReader events) throws IOException, ChatEngineException {
        try {
            return events.nextEvent();
        } catch (SseReader.LimitExceeded e) {
            throw fail(who() + " sent a malformed stream (" + e.getMessage() + " without an end); the partial answer"
                    + " is kept.");
        }
    }

    private ApiTurn figures(Turn turn, int estimate, GenerationMetrics metrics, String error) {
        var snap = metrics.snapshot();
        boolean reported = turn.inputTokens >= 0 && turn.outputTokens >= 0;
        int input = turn.inputTokens >= 0 ? turn.inputTokens : estimate;
        int output = turn.outputTokens >= 0 ? turn.outputTokens : countTokens(turn.answer.toString());
        metrics.promptTokens(input);
        Double rate = null;
        if (snap.ttftMs() != null && output >= 2) {
            double decodeMs = snap.elapsedMs() - snap.ttftMs();
            if (decodeMs > 0) {
                rate = output / (decodeMs / 1000);
                metrics.engineReported(new EngineTimings(input, snap.ttftMs(), 0, output, decodeMs, rate));
            }
        }
        Double cost = price.map(p -> ApiPricing.cost(p, input, turn.cachedTokens, output)).orElse(null);
        return new ApiTurn(settings.target().toString(), input, turn.cachedTokens, output, reported, snap.ttftMs(),
                snap.elapsedMs(), rate, cost, price.map(ApiPrice::id).orElse(null),
                error);
    }

    String who() {
        return settings.target().provider().id() + " (" + settings.baseUrl().getHost() + ")";
    }

    ChatEngineException fail(String message) {
        return new ChatEngineException(settings.key().redact(message));
    }

    private String statusMessage(int status) {
        ApiProvider p = settings.target().provider();
        return switch (status) {
            case 401 -> who() + " refused the API key (HTTP 401): check " + p.keyVariable() + " (from "
                    + settings.key().origin() + ")";
            case 403 -> who() + " denied access (HTTP 403): the key may lack permission for "
                    + settings.target().model() + ", or the account is restricted";
            case 404 -> who() + " does not know this model or endpoint (HTTP 404): check '"
                    + settings.target().model() + "' and " + p.baseUrlVariable();
            default -> status >= 500
                    ? who() + " had a server error (HTTP " + status + "); try again later or fall back to local"
                    : who() + " rejected the request (HTTP " + status + ")";
        };
    }

    private ChatEngineException unreachable(IOException e) {
        String where = settings.baseUrl().toString();
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (e instanceof ConnectException || cause instanceof UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            return fail("Cannot reach " + settings.target().provider().id() + " at " + where
                    + " (no connection): check the network, or " + settings.target().provider().baseUrlVariable() + ".");
        }
        if (e instanceof HttpConnectTimeoutException) {
            return fail(where + " did not accept a connection within " + settings.connectTimeout().toSeconds() + " s.");
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return fail(where + " did not start answering within " + settings.idleTimeout().toSeconds() + " s.");
        }
        return fail("Cannot reach " + where + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()) + ".");
    }

    /** The provider's own error message, if its body has one: " (…)" or empty. */
    private String detail(String body) {
        String text;
        try {
            JsonNode node = json.readTree(body);
            JsonNode error = node == null ? null : node.path("error");
            text = error == null ? "" : error.isTextual() ? error.asText() : error.path("message").asText("");
        } catch (IOException e) {
            text = body.strip();
        }
        text = clip(text);
        return text.isEmpty() ? "" : " (" + settings.key().redact(text) + ")";
    }

    private static String clip(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /** {@code retry-after} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("retry-after");
        if (header.isEmpty()) {
            return null;
        }
        String v = header.get().strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException bad) {
                return null;
            }
        }
    }

    private static void sleep(Duration wait, Cancellation cancel) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (!cancel.isCancelled() && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing is how a stalled or cancelled stream is stopped; a failed close changes nothing
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
