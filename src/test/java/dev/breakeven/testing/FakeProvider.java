package dev.breakeven.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A loopback server that speaks OpenAI's {@code /v1/chat/completions} and Anthropic's {@code /v1/messages} streams,
 * well or badly on purpose. Each request takes the next queued {@link Mode} (then {@link Mode#OK} when the queue is
 * empty), and the server keeps each request's headers and body for the test to inspect.
 */
public final class FakeProvider implements AutoCloseable {
    public enum Mode { OK, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, RATE_LIMITED_BRIEFLY, SERVER_ERROR, CUT, MALFORMED,
        NO_USAGE, STALL }

    public record Seen(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    public static final String ANSWER = "Paris is the capital of France.";
    public static final int INPUT_TOKENS = 1200;
    public static final int CACHED_TOKENS = 200;
    public static final int OUTPUT_TOKENS = 8;

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Mode> modes = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new ArrayList<>();

    public FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> handle(ex, false));
        server.createContext("/v1/messages", ex -> handle(ex, true));
        // Enough of /v1/models for ExternalOpenAiEngine, so the same server can play the local engine.
        server.createContext("/v1/models", ex -> {
            byte[] b = "{\"data\":[{\"id\":\"local-model\"}]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    /** The base URL in OpenAI's convention (with /v1); Anthropic's engine accepts it too. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The base URL in Anthropic's convention (without /v1). */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeProvider then(Mode... next) {
        modes.addAll(List.of(next));
        return this;
    }

    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange ex, boolean anthropic) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            seen.add(new Seen(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        }
        Mode mode = modes.poll();
        mode = mode == null ? Mode.OK : mode;
        String key = anthropic ? ex.getRequestHeaders().getFirst("x-api-key")
                : String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).replace("Bearer ", "");
        switch (mode) {
            // Real providers echo part of a wrong key; this one echoes all of it, to prove it is redacted.
            case UNAUTHORIZED -> error(ex, 401, "Incorrect API key provided: " + key);
            case FORBIDDEN -> error(ex, 403, "Your organization must be verified to use this model.");
            case RATE_LIMITED -> {
                ex.getResponseHeaders().add("retry-after", "30");
                error(ex, 429, "Rate limit reached for requests");
            }
            case RATE_LIMITED_BRIEFLY -> {
                ex.getResponseHeaders().add("retry-after", "1");
                error(ex, 429, "Rate limit reached for requests");
            }
            case SERVER_ERROR -> error(ex, 500, "The server had an error while processing your request.");
            default -> stream(ex, anthropic, mode);
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        byte[] b = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\"}}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static void stream(HttpExchange ex, boolean anthropic, Mode mode) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        String[] pieces = {"Paris ", "is the ", "capital ", "of France."};
        try (OutputStream out = ex.getResponseBody()) {
            if (anthropic) {
                send(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"usage\":{\"input_tokens\":"
                        + (INPUT_TOKENS - CACHED_TOKENS) + ",\"cache_read_input_tokens\":" + CACHED_TOKENS
                        + ",\"output_tokens\":1}}}");
                send(out, "ping", "{\"type\":\"ping\"}");
            }
            for (int i = 0; i < pieces.length; i++) {
                if (mode == Mode.CUT && i == 2) {
                    return; // the connection ends mid-answer
                }
                if (mode == Mode.STALL && i == 2) {
                    try {
                        Thread.sleep(10_000); // the connection stays open and silent
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (mode == Mode.MALFORMED && i == 2) {
                    send(out, anthropic ? "content_block_delta" : null, "{\"choices\": [{\"delta\": {\"content\": \"x\"");
                    continue;
                }
                String p = pieces[i];
                send(out, anthropic ? "content_block_delta" : null, anthropic
                        ? "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + p + "\"}}"
                        : "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + p + "\"},\"finish_reason\":null}]}");
                sleep();
            }
            if (anthropic) {
                send(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"output_tokens\":" + OUTPUT_TOKENS + "}}");
                send(out, "message_stop", "{\"type\":\"message_stop\"}");
            } else {
                send(out, null, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
                if (mode != Mode.NO_USAGE) {
                    send(out, null, "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS
                            + ",\"completion_tokens\":" + OUTPUT_TOKENS + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                            + CACHED_TOKENS + "}}}");
                }
                send(out, null, "[DONE]");
            }
        }
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        String text = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
