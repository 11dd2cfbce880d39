package dev.breakeven.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in engine host's HTTP side: an OpenAI-compatible server on the JDK's own HTTP server. It binds
 * first (so {@code /health} answers 503 while the model loads, as llama-server does), then loads the model.
 * Every error is a JSON body with a status; no stack trace reaches a client.
 */
public final class HostServer implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HostSettings settings;
    private final HttpServer http;
    private final ExecutorService workers;
    private final SlotQueue slots;
    private final String modelId;
    private final Path scratch;
    private volatile LlamaHost llama;
    private volatile TimingsFeed timings;
    private volatile ChatCompletions completions;

    private HostServer(HostSettings settings, HttpServer http, ExecutorService workers, Path scratch) {
        this.settings = settings;
        this.http = http;
        this.workers = workers;
        this.scratch = scratch;
        this.slots = new SlotQueue(settings.parallel());
        this.modelId = settings.model().getFileName().toString();
    }

    /** Binds the port and starts answering (503 until {@link #load()} is done). */
    public static HostServer bind(HostSettings settings) throws IOException {
        // One small write per token: without TCP_NODELAY, Nagle's algorithm holds the second write until the
        // client's delayed ACK (~40 ms), which showed as a 40 ms later first token and bunched tokens. The JDK
        // server reads this once, when it is first used; the host is its own process, so setting it is ours to do.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()),
                settings.port()), 64);
        // Platform threads: a request blocks inside native code for every token, which would pin virtual ones.
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "host-http");
            thread.setDaemon(true);
            return thread;
        });
        HostServer server = new HostServer(settings, http, workers, Files.createTempDirectory("breakeven-host"));
        http.setExecutor(workers);
        http.createContext("/", server::dispatch);
        http.start();
        return server;
    }

    /** Loads the model into the host (blocking); requests are answered once it returns. */
    public void load() {
        TimingsFeed feed = TimingsFeed.start(scratch);
        LlamaHost loaded = LlamaHost.load(settings, feed.logFile());
        int added = addedTokens(loaded, feed);
        timings = feed;
        llama = loaded;
        completions = new ChatCompletions(settings, modelId, loaded, feed, slots, added);
    }

    /**
     * Tokens llama.cpp adds to every prompt it is given (a BOS token for most models): its tokenizer call through
     * java-llama.cpp leaves them out, its completions put them in. One token of warm-up finds the difference,
     * so usage and the context check count what llama.cpp really processes.
     */
    private static int addedTokens(LlamaHost llama, TimingsFeed feed) {
        String probe = "Hello";
        int task = llama.warmUp(probe);
        return feed.await(task, java.time.Duration.ofSeconds(2))
                .map(t -> Math.max(0, t.promptTokens() - llama.countTokens(probe)))
                .orElse(0);
    }

    /** The address clients use, e.g. {@code http://127.0.0.1:38211} (the real port when 0 was asked for). */
    public URI url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + http.getAddress().getPort());
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiException e) {
                sendError(exchange, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sendError(exchange, new ApiException(503, "unavailable_error", "shutting_down",
                        "The server is shutting down."));
            } catch (IOException e) {
                // the client went away; nothing to tell it
            } catch (RuntimeException | Error e) {
                // A native or library failure: the client gets a message, the host's log the trace.
                System.err.println("breakeven serve: request failed: " + e);
                e.printStackTrace(System.err);
                sendError(exchange, new ApiException(500, "server_error", "internal_error",
                        "The engine failed while answering: " + e.getMessage()));
            }
        }
    }

    private void route(HttpExchange exchange) throws ApiException, IOException, InterruptedException {
        authorize(exchange);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/health" -> {
                allow(method, "GET");
                health(exchange);
            }
            case "/v1/models", "/models" -> {
                allow(method, "GET");
                ready();
                models(exchange);
            }
            case "/v1/chat/completions", "/chat/completions" -> {
                allow(method, "POST");
                ready();
                completions.handle(exchange, CompletionRequest.parse(readJson(exchange)));
            }
            case "/tokenize" -> { // llama-server's, so clients (bench's prompt builder) count tokens exactly
                allow(method, "POST");
                ready();
                tokenize(exchange, readJson(exchange));
            }
            case "/apply-template" -> {
                allow(method, "POST");
                ready();
                CompletionRequest request = CompletionRequest.parse(readJson(exchange));
                send(exchange, 200, JSON.createObjectNode().put("prompt",
                        llama.applyTemplate(request.systemPrompt(), request.messages())));
            }
            default -> throw new ApiException(404, "not_found_error", "not_found", "No endpoint at " + path
                    + ". This server has GET /health, GET /v1/models, POST /v1/chat/completions, POST /tokenize"
                    + " and POST /apply-template.");
        }
    }

    private void authorize(HttpExchange exchange) throws ApiException {
        if (!settings.needsToken()) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        byte[] given = header == null ? new byte[0] : header.strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) { // constant time: the token is not guessed byte by byte
            throw new ApiException(401, "authentication_error", "invalid_api_key",
                    "This server needs 'Authorization: Bearer <token>' with the token it was started with.");
        }
    }

    private static void allow(String method, String allowed) throws ApiException {
        if (!method.equals(allowed)) {
            throw new ApiException(405, "invalid_request_error", "method_not_allowed",
                    method + " is not allowed here; use " + allowed + ".");
        }
    }

    private void ready() throws ApiException {
        if (completions == null) {
            throw new ApiException(503, "unavailable_error", "loading", "Loading model");
        }
    }

    private void health(HttpExchange exchange) throws IOException, ApiException {
        ready();
        int busy = slots.busy();
        ObjectNode body = JSON.createObjectNode().put("status", "ok")
                .put("slots_idle", slots.slots() - busy).put("slots_processing", busy)
                .put("requests_waiting", slots.waiting()).put("requests_cancelled", completions.cancelled());
        send(exchange, 200, body);
    }

    private void tokenize(HttpExchange exchange, JsonNode body) throws IOException, ApiException {
        JsonNode content = body == null ? null : body.get("content");
        if (content == null || !content.isTextual()) {
            throw ApiException.badRequest("'content' must be a string.");
        }
        ObjectNode answer = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode tokens = answer.putArray("tokens");
        for (int token : llama.encode(content.asText())) {
            tokens.add(token);
        }
        send(exchange, 200, answer);
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("object", "list");
        ObjectNode model = body.putArray("data").addObject().put("id", modelId).put("object", "model")
                .put("created", 0).put("owned_by", "breakeven");
        model.putObject("meta").put("n_ctx", settings.slotContext()).put("n_ctx_total", settings.contextSize())
                .put("n_parallel", settings.parallel());
        send(exchange, 200, body);
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException, ApiException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "invalid_request_error", "request_too_large",
                    "The request body is over " + MAX_BODY_BYTES / (1024 * 1024) + " MiB.");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static ObjectNode errorBody(ApiException e) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", e.getMessage()).put("type", e.type()).put("code", e.code());
        return body;
    }

    private static void sendError(HttpExchange exchange, ApiException e) {
        try {
            if (e.status() == 405) {
                exchange.getResponseHeaders().set("Allow", e.getMessage().replaceAll(".*use (\\w+)\\.$", "$1"));
            }
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            send(exchange, e.status(), errorBody(e));
        } catch (IOException | IllegalStateException ignored) {
            // headers already sent (a streaming answer) or the client gone: nothing more can be said
        }
    }

    /** Stops answering. The model itself is freed with the process (closing it under a running task crashes). */
    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
        TimingsFeed feed = timings;
        if (feed != null) {
            feed.close();
        }
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // a leftover empty temporary folder harms nothing
        }
    }
}
