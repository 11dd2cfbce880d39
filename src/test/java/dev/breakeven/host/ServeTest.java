package dev.breakeven.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.chat.StopReason;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code breakeven serve} as a real child process on the shared tiny model, driven over real HTTP: the way the
 * app's supervisor and any other OpenAI client reach it. One server (two slots) serves the whole class.
 */
@org.junit.jupiter.api.Tag("slow") // native llama.cpp loads: skip with -DexcludedGroups=slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeTest {
    private final ObjectMapper json = Json.mapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path home;
    private ServeProcess server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        home = dir;
        server = ServeProcess.start(home.resolve("main"), "--gguf", SharedModels.tinyLlama().toString(),
                "--ctx", "4096", "--parallel", "2", "--threads", "1");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private ObjectNode ask(String text, int maxTokens, boolean stream) {
        ObjectNode body = json.createObjectNode().put("max_tokens", maxTokens).put("stream", stream)
                .put("ignore_eos", true).put("seed", 7);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data lines of an SSE body, in order. */
    private static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        return events;
    }

    private static void assertTimings(JsonNode timings, int predicted) {
        assertThat(timings.path("predicted_n").asInt()).isEqualTo(predicted);
        for (String field : List.of("prompt_n", "prompt_ms", "prompt_per_second", "predicted_ms",
                "predicted_per_second")) {
            assertThat(timings.path(field).asDouble()).as(field).isPositive();
        }
    }

    @Test
    void printsOnlyItsAddressOnStdoutAndIsHealthy() throws Exception {
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("ok");
        JsonNode models = json.readTree(get("/v1/models").body());
        assertThat(models.path("data").get(0).path("id").asText()).isEqualTo("llama-2-tiny-random.gguf");
        assertThat(models.path("data").get(0).path("meta").path("n_ctx").asInt()).isEqualTo(2048);
    }

    @Test
    void answersWholeWithUsageAndLlamaCppTimings() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", ask("Hello there", 12, false).toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isNotBlank();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(12);
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isGreaterThan(3);
        assertTimings(body.path("timings"), 12);
    }

    @Test
    void streamsTokensThenAFinalChunkWithFinishReasonUsageAndTimings() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", ask("Stream to me", 10, true).toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode first = json.readTree(events.getFirst());
        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(1, events.size() - 2)) {
            JsonNode chunk = json.readTree(event).path("choices").get(0);
            assertThat(chunk.path("finish_reason").isNull()).isTrue();
            text.append(chunk.path("delta").path("content").asText());
        }
        assertThat(text.toString()).isNotBlank();
        JsonNode last = json.readTree(events.get(events.size() - 2));
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(10);
        assertTimings(last.path("timings"), 10);
    }

    @Test
    void aStopStringEndsTheAnswerBeforeIt() throws Exception {
        ObjectNode greedy = ask("Say something", 24, false).put("temperature", 0);
        String full = json.readTree(post("/v1/chat/completions", greedy.toString()).body())
                .path("choices").get(0).path("message").path("content").asText();
        assertThat(full.length()).as(full).isGreaterThan(12);
        String stop = full.substring(full.length() / 2, full.length() / 2 + 3);
        String prefix = full.substring(0, full.indexOf(stop));
        greedy.putArray("stop").add(stop);
        JsonNode stopped = json.readTree(post("/v1/chat/completions", greedy.toString()).body());
        assertThat(stopped.path("choices").get(0).path("message").path("content").asText()).isEqualTo(prefix);
        assertThat(stopped.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(stopped.path("usage").path("completion_tokens").asInt()).isLessThan(24);
    }

    @Test
    void theAppsOwnClientStreamsFromItAndReadsTheEngineRates() throws Exception {
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(server.url()))) {
            engine.prepare(Cancellation.none());
            assertThat(engine.contextSize()).isEqualTo(2048);
            ChatRequest request = new ChatRequest("You are terse.", List.of(ChatMessage.user("Hello")),
                    SamplingSettings.defaults().withMaxTokens(16).withSeed(3), true);
            List<String> pieces = new ArrayList<>();
            GenerationResult result = engine.generate(request, new GenerationMetrics(), pieces::add, Cancellation.none());
            assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
            assertThat(String.join("", pieces)).isEqualTo(result.text()).isNotBlank();
            assertThat(result.metrics().engineDecodeTokPerSec()).isPositive();
            assertThat(result.metrics().promptTokens()).isGreaterThan(5);
        }
    }

    @Test
    void aClientThatClosesTheStreamStopsGenerationAndTheNextRequestIsServedPromptly() throws Exception {
        long cancelledBefore = json.readTree(get("/health").body()).path("requests_cancelled").asLong();
        URI uri = URI.create(server.url());
        byte[] body = ask("Go on for a long time", 2000, true).toString().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int contentChunks = 0;
            String line;
            while (contentChunks < 3 && (line = in.readLine()) != null) {
                if (line.contains("\"content\":\"") && !line.contains("\"role\"")) {
                    contentChunks++;
                }
            }
            assertThat(contentChunks).isEqualTo(3);
        } // closed after three tokens of up to 2000
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        JsonNode health;
        do {
            Thread.sleep(20);
            health = json.readTree(get("/health").body());
        } while ((health.path("slots_processing").asInt() > 0
                || health.path("requests_cancelled").asLong() == cancelledBefore) && System.nanoTime() < deadline);
        assertThat(health.path("requests_cancelled").asLong()).as("the host saw the client leave")
                .isEqualTo(cancelledBefore + 1);
        assertThat(health.path("slots_processing").asInt()).as("the slot is free again").isZero();
        long started = System.nanoTime();
        HttpResponse<String> next = post("/v1/chat/completions", ask("Next", 8, false).toString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void threeClientsAtOnceOnTwoSlotsAllComplete() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = ask("Client " + i, 48, true).toString();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return post("/v1/chat/completions", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                List<String> events = events(response.body());
                assertThat(events.getLast()).isEqualTo("[DONE]");
                JsonNode last = json.readTree(events.get(events.size() - 2));
                assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
                assertTimings(last.path("timings"), 48);
            }
        }
    }

    private void assertError(HttpResponse<String> response, int status, String code, String messagePart)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = json.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("type").asText()).isNotBlank();
        assertThat(error.path("message").asText()).contains(messagePart);
    }

    @Test
    void badRequestsGetJsonErrorsWithTheRightStatus() throws Exception {
        assertError(post("/v1/chat/completions", "{\"messages\": [ {\"role\""), 400, "invalid_value", "not valid JSON");
        assertError(post("/v1/chat/completions", "{\"max_tokens\": 4}"), 400, "invalid_value", "'messages'");
        assertError(post("/v1/chat/completions", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"), 400,
                "invalid_value", "'wizard'");
        assertError(post("/v1/chat/completions", ask("x", 4, false).put("temperature", "hot").toString()), 400,
                "invalid_value", "'temperature'");
        assertError(post("/v1/chat/completions", ask("x", 4, false).put("model", "gpt-9").toString()), 404,
                "model_not_found", "gpt-9");
        assertError(post("/v1/chat/completions", ask("word ".repeat(3000), 4, false).toString()), 413,
                "context_length_exceeded", "holds 2048 tokens");
        assertError(get("/v1/embeddings"), 404, "not_found", "/v1/embeddings");
        assertError(get("/v1/chat/completions"), 405, "method_not_allowed", "use POST");
        assertThat(server.isAlive()).isTrue();
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void tokenizeAndApplyTemplateCountLikeLlamaServerSoBenchPromptsAreExact() throws Exception {
        HttpResponse<String> tokens = post("/tokenize", "{\"content\": \"Hello world\"}");
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(json.readTree(tokens.body()).path("tokens").size()).isBetween(2, 4);
        HttpResponse<String> templated = post("/apply-template",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hello world\"}]}");
        assertThat(templated.statusCode()).as(templated.body()).isEqualTo(200);
        assertThat(json.readTree(templated.body()).path("prompt").asText()).contains("Hello world");
        assertError(post("/tokenize", "{\"content\": 5}"), 400, "invalid_value", "'content'");
    }

    @Test
    void aTokenIsRequiredOnEveryRequestWhenGiven() throws Exception {
        try (ServeProcess guarded = ServeProcess.start(home.resolve("guarded"), "--gguf",
                SharedModels.tinyLlama().toString(), "--ctx", "256", "--threads", "1", "--token", "s3cret")) {
            String body = ask("Hi", 4, false).toString();
            for (String header : new String[] {null, "Bearer wrong", "s3cret"}) {
                var builder = HttpRequest.newBuilder(URI.create(guarded.url() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                if (header != null) {
                    builder.header("Authorization", header);
                }
                HttpResponse<String> refused = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(String.valueOf(header)).isEqualTo(401);
                assertThat(json.readTree(refused.body()).path("error").path("type").asText())
                        .isEqualTo("authentication_error");
            }
            HttpResponse<String> noTokenHealth = http.send(HttpRequest.newBuilder(URI.create(guarded.url() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noTokenHealth.statusCode()).isEqualTo(401);
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(guarded.url()
                            + "/v1/chat/completions")).header("Authorization", "Bearer s3cret")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(json.readTree(allowed.body()).path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aHostileGgufIsRefusedByPreflightWithAMessageNotACrash() throws Exception {
        Path hostile = dev.breakeven.testing.GgufModelFactory.writeRandom(
                dev.breakeven.testing.GgufModelFactory.tinyLlama(), dev.breakeven.core.gguf.GgmlType.F32,
                home.resolve("nan-eps.gguf"), 1, w -> w.putFloat32("llama.attention.layer_norm_rms_epsilon", Float.NaN));
        ServeProcess.Ended ended = ServeProcess.run(home.resolve("hostile"), "serve", "--gguf", hostile.toString());
        assertThat(ended.code()).as(ended.err()).isEqualTo(2);
        assertThat(ended.out()).isEmpty();
        assertThat(ended.err()).contains("nan-eps.gguf has values llama.cpp would abort on",
                "layer_norm_rms_epsilon is NaN").doesNotContain("GGML_ASSERT", "Exception");
    }

    @Test
    void aPortInUseIsOneLineThatSaysHowToPickAFreeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ServeProcess.Ended ended = ServeProcess.run(home.resolve("port"), "serve", "--gguf",
                    SharedModels.tinyLlama().toString(), "--port", String.valueOf(port));
            assertThat(ended.code()).as(ended.err()).isEqualTo(1);
            assertThat(ended.out()).isEmpty();
            assertThat(ended.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                    .contains("cannot listen on 127.0.0.1:" + port, "--port 0 picks a free one");
            assertThat(ended.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void absurdThreadCountsAreRefusedBeforeLoading() throws Exception {
        ServeProcess.Ended ended = ServeProcess.run(home.resolve("threads"), "serve", "--gguf",
                SharedModels.tinyLlama().toString(), "--threads", "100000");
        assertThat(ended.code()).isNotZero().isNotEqualTo(134).isNotEqualTo(139);
        assertThat(ended.err()).contains("--threads", "it must be at most "
                + Runtime.getRuntime().availableProcessors() + " threads");
        assertThat(ended.out()).isEmpty();
    }

    @Test
    void theNativeLibraryLivesInTheUsersOwnVersionedFolder() throws Exception {
        Path lib = home.resolve("main/data/native/llama-4.2.0/lib").resolve(System.mapLibraryName("jllama"));
        assertThat(lib).isRegularFile();
        assertThat(server.wholeStderr()).doesNotContain("Extracted").contains("serve: preflight");
    }
}
