package dev.breakeven.core.chat;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalOpenAiEngineTest {
    private static LlamaServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LlamaServerProcess.start(SharedModels.tinyLlama());
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) { // null when the class was skipped for want of ../shared
            server.close();
        }
    }

    private static ChatRequest ask(int maxTokens) {
        return new ChatRequest("You are terse.", List.of(ChatMessage.user("Hello"), ChatMessage.assistant("Hi"),
                ChatMessage.user("Tell me more")), SamplingSettings.defaults().withMaxTokens(maxTokens).withSeed(3), true);
    }

    @Test
    void streamsFromARealLlamaServerAndUsesItsTimings() throws Exception {
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(server.url()))) {
            engine.prepare(Cancellation.none());
            assertThat(engine.modelName()).contains("llama-2-tiny-random");
            assertThat(engine.contextSize()).isEqualTo(512);
            List<String> pieces = new ArrayList<>();
            GenerationResult result = engine.generate(ask(16), new GenerationMetrics(), pieces::add, Cancellation.none());
            assertThat(pieces.size()).isBetween(2, 16);
            assertThat(String.join("", pieces)).isEqualTo(result.text());
            assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
            MetricsSnapshot m = result.metrics();
            assertThat(m.engineDecodeTokPerSec()).isPositive();
            assertThat(m.enginePromptTokPerSec()).isPositive();
            assertThat(m.promptTokens()).as("the server's own prompt count").isGreaterThan(10);
            assertThat(m.ttftMs()).isPositive();
        }
    }

    @Test
    void stopsMidAnswerByClosingTheStream() throws Exception {
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(server.url() + "/v1/"))) {
            Cancellation cancel = new Cancellation();
            List<String> pieces = new ArrayList<>();
            GenerationResult result = engine.generate(ask(400), new GenerationMetrics(), piece -> {
                pieces.add(piece);
                if (pieces.size() == 3) {
                    cancel.cancel();
                }
            }, cancel);
            assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
            assertThat(pieces).hasSizeLessThan(400);
        }
    }

    @Test
    void aDeadEndpointIsAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of("127.0.0.1:" + port))) {
            assertThatThrownBy(() -> engine.prepare(Cancellation.none()))
                    .isInstanceOf(ChatEngineException.class)
                    .hasMessageContaining("Nothing answers at http://127.0.0.1:" + port)
                    .hasMessageContaining("connection refused");
        }
    }

    @Test
    void nonOkAnswersAndSilentServersAreClearErrors() throws IOException {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/v1/models", exchange -> {
            byte[] body = "{\"error\":{\"message\":\"no such thing\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.createContext("/slow/v1/models", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        fake.start();
        String base = "http://127.0.0.1:" + fake.getAddress().getPort();
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(base));
             var slow = new ExternalOpenAiEngine(ExternalSettings.of(base + "/slow")
                     .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)))) {
            assertThatThrownBy(() -> engine.prepare(Cancellation.none()))
                    .hasMessageContaining("HTTP 404").hasMessageContaining("no such thing");
            assertThatThrownBy(() -> slow.prepare(Cancellation.none()))
                    .hasMessageContaining("did not answer within");
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void badUrlsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> ExternalSettings.of("")).hasMessageContaining("engine URL is needed");
        assertThatThrownBy(() -> ExternalSettings.of("ftp://host")).hasMessageContaining("not an http(s) URL");
        assertThat(ExternalSettings.of("localhost:8080/v1").baseUrl()).hasToString("http://localhost:8080");
    }
}
