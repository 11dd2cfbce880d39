package dev.breakeven.core.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a misbehaving OpenAI-compatible server does to the client: real HTTP against a local JDK server. */
class ExternalStreamFaultsTest {
    private static final String MODELS = "{\"data\":[{\"id\":\"fake\",\"meta\":{\"n_ctx\":256}}]}";
    private static final String TOKEN = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n";
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, 200, MODELS);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A chat endpoint that writes {@code body} then, if {@code hang}, keeps the connection open without a word. */
    private void chat(String body, boolean hang) {
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (hang) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.close();
        });
    }

    private static ChatRequest hello() {
        return new ChatRequest("", List.of(ChatMessage.user("hi")), SamplingSettings.defaults().withMaxTokens(8));
    }

    private ExternalOpenAiEngine engine(Duration firstToken, Duration idle) {
        return new ExternalOpenAiEngine(ExternalSettings.of(base()).withTimeouts(Duration.ofSeconds(2), firstToken)
                .withIdleTimeout(idle));
    }

    @Test
    void aServerThatSendsHeadersThenNothingTimesOutInsteadOfHanging() {
        chat("", true);
        long started = System.nanoTime();
        try (var engine = engine(Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> engine.generate(hello(), new GenerationMetrics(), p -> { }, Cancellation.none()))
                    .isInstanceOf(ChatEngineException.class)
                    .hasMessage("No data from " + base() + " for 1 s; the server seems frozen or overloaded.");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
    }

    @Test
    void aServerThatFreezesMidAnswerGivesACutAnswerWithTheTextSoFar() throws Exception {
        chat(TOKEN, true);
        try (var engine = engine(Duration.ofSeconds(5), Duration.ofSeconds(1))) {
            GenerationResult result = engine.generate(hello(), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(result.text()).isEqualTo("Hello");
            assertThat(result.stopReason()).isEqualTo(StopReason.CUT);
            assertThat(result.stopReason().measurable()).isFalse();
            assertThat(result.note()).contains("no data from " + base() + " for 1 s");
        }
    }

    @Test
    void stopStillWorksWhileWaitingForAFrozenServer() throws Exception {
        chat(TOKEN, true);
        try (var engine = engine(Duration.ofSeconds(60), Duration.ofSeconds(60))) {
            Cancellation cancel = new Cancellation();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException ignored) {
                    return;
                }
                cancel.cancel();
            });
            long started = System.nanoTime();
            GenerationResult result = engine.generate(hello(), new GenerationMetrics(), p -> { }, cancel);
            assertThat(result.stopReason()).isEqualTo(StopReason.CANCELLED);
            assertThat(result.text()).isEqualTo("Hello");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
        }
    }

    @Test
    void aStreamThatEndsWithoutFinishReasonOrDoneIsCutNotFinished() throws Exception {
        chat(TOKEN, false);
        try (var engine = engine(Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            GenerationResult result = engine.generate(hello(), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(result.stopReason()).isEqualTo(StopReason.CUT);
            assertThat(result.text()).isEqualTo("Hello");
            assertThat(result.note()).contains("ended without a finish reason or [DONE]");
        }
    }

    @Test
    void aFinishReasonOrDoneMakesItComplete() throws Exception {
        chat(TOKEN + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n", false);
        try (var engine = engine(Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            GenerationResult result = engine.generate(hello(), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(result.stopReason()).isEqualTo(StopReason.FINISHED);
            assertThat(result.note()).isEmpty();
        }
    }

    @Test
    void aLineWithoutEndIsCappedNotReadIntoTheHeap() {
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: ".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 48; i++) { // 3 MiB without a newline
                    out.write(block);
                }
            } catch (IOException clientGaveUp) {
                // expected: the client stops reading at the cap
            }
        });
        try (var engine = engine(Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> engine.generate(hello(), new GenerationMetrics(), p -> { }, Cancellation.none()))
                    .isInstanceOf(ChatEngineException.class)
                    .hasMessageContaining("sent a line over 1 MiB; stopped reading");
        }
    }

    @Test
    void credentialsInTheUrlAreSentButNeverShown() throws Exception {
        chat(TOKEN + "data: [DONE]\n\n", false);
        String withSecret = base().replace("http://", "http://alice:s3cret@");
        ExternalSettings settings = ExternalSettings.of(withSecret);
        assertThat(settings.baseUrl()).hasToString(base());
        assertThat(settings.toString()).doesNotContain("s3cret");
        try (var engine = new ExternalOpenAiEngine(settings)) {
            engine.prepare(Cancellation.none());
            assertThat(authorization.get()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
            assertThat(engine.label()).isEqualTo("external " + base()).doesNotContain("s3cret");
        }
        String dead = "http://bob:hunter2@127.0.0.1:1";
        try (var engine = new ExternalOpenAiEngine(ExternalSettings.of(dead))) {
            assertThatThrownBy(() -> engine.prepare(Cancellation.none()))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").contains("127.0.0.1:1"));
        }
        assertThatThrownBy(() -> ExternalSettings.of("ftp://carol:pw9@host"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw9"));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
