package dev.breakeven.core.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.StopReason;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ApiTier;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Both API engines against a loopback server that behaves, and that misbehaves in each way a provider can. */
class ApiChatEngineTest {
    static final String KEY = "sk-test-KNOWN-0123456789";
    static final PriceCatalog PRICES = new PriceCatalog("", List.of(
            new ApiPrice("openai/test-model", "Test", "OpenAI", ApiTier.MID, 2, 10, 0.5, 128000, "2026-09-01", "test"),
            new ApiPrice("anthropic/claude-test-4-5", "Test", "Anthropic", ApiTier.MID, 2, 10, 0.5, 200000,
                    "2026-09-01", "test")));
    /** 1,000 uncached input at $2/M, 200 cached at $0.50/M, 8 output at $10/M. */
    static final double EXPECTED_COST = (1000 * 2 + 200 * 0.5 + 8 * 10) / 1e6;

    private final FakeProvider server;

    ApiChatEngineTest() throws Exception {
        server = new FakeProvider();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiChatEngine engine(ApiProvider provider, String model) {
        String base = provider == ApiProvider.ANTHROPIC ? server.rootUrl() : server.baseUrl();
        return ApiEngines.open(ApiSettings.of(new ApiTarget(provider, model), URI.create(base),
                new ApiKey(KEY, "test"), PRICES).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
    }

    private static ChatRequest question() {
        return new ChatRequest("Be brief.", List.of(ChatMessage.user("What is the capital of France?")),
                SamplingSettings.defaults());
    }

    private GenerationResult ask(ApiChatEngine engine, StringBuilder streamed) throws ChatEngineException {
        return engine.generate(question(), new GenerationMetrics(), streamed::append, Cancellation.none());
    }

    @Test
    void openAiStreamGivesTheAnswerTheProvidersUsageTimingAndCost() throws Exception {
        try (ApiChatEngine engine = engine(ApiProvider.OPENAI, "test-model")) {
            StringBuilder streamed = new StringBuilder();
            GenerationResult result = ask(engine, streamed);
            assertThat(result.text()).isEqualTo(FakeProvider.ANSWER).isEqualTo(streamed.toString());
            assertThat(result.stopReason()).isEqualTo(StopReason.FINISHED);
            ApiTurn turn = engine.lastTurn();
            assertThat(turn.usageReported()).isTrue();
            assertThat(turn.inputTokens()).isEqualTo(FakeProvider.INPUT_TOKENS);
            assertThat(turn.cachedInputTokens()).isEqualTo(FakeProvider.CACHED_TOKENS);
            assertThat(turn.outputTokens()).isEqualTo(FakeProvider.OUTPUT_TOKENS);
            assertThat(turn.costUsd()).isCloseTo(EXPECTED_COST, within(1e-12));
            assertThat(turn.ttftMs()).isNotNull().isPositive();
            assertThat(turn.outputTokPerSec()).isNotNull().isPositive();
            assertThat(turn.error()).isNull();
            assertThat(result.metrics().promptTokens()).isEqualTo(FakeProvider.INPUT_TOKENS);

            FakeProvider.Seen sent = server.seen().getFirst();
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
            JsonNode body = Json.mapper().readTree(sent.body());
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(body.path("model").asText()).isEqualTo("test-model");
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        }
    }

    @Test
    void anthropicStreamGivesTheAnswerUsageIncludingCachedReadsAndCost() throws Exception {
        try (ApiChatEngine engine = engine(ApiProvider.ANTHROPIC, "claude-test-4-5-20250929")) {
            StringBuilder streamed = new StringBuilder();
            GenerationResult result = ask(engine, streamed);
            assertThat(result.text()).isEqualTo(FakeProvider.ANSWER);
            ApiTurn turn = engine.lastTurn();
            assertThat(turn.inputTokens()).isEqualTo(FakeProvider.INPUT_TOKENS);
            assertThat(turn.cachedInputTokens()).isEqualTo(FakeProvider.CACHED_TOKENS);
            assertThat(turn.outputTokens()).isEqualTo(FakeProvider.OUTPUT_TOKENS);
            assertThat(turn.priceId()).isEqualTo("anthropic/claude-test-4-5");
            assertThat(turn.costUsd()).isCloseTo(EXPECTED_COST, within(1e-12));

            FakeProvider.Seen sent = server.seen().getFirst();
            assertThat(sent.path()).isEqualTo("/v1/messages");
            assertThat(sent.header("x-api-key")).isEqualTo(KEY);
            assertThat(sent.header("anthropic-version")).isEqualTo(AnthropicEngine.API_VERSION);
            JsonNode body = Json.mapper().readTree(sent.body());
            assertThat(body.path("system").asText()).isEqualTo("Be brief.");
            assertThat(body.path("messages")).hasSize(1);
            assertThat(body.path("max_tokens").asInt()).isPositive();
        }
    }

    @Test
    void aStreamWithoutUsageIsEstimatedAndSaysSo() throws Exception {
        server.then(Mode.NO_USAGE);
        try (ApiChatEngine engine = engine(ApiProvider.GROQ, "test-model")) {
            ask(engine, new StringBuilder());
            assertThat(engine.lastTurn().usageReported()).isFalse();
            assertThat(engine.lastTurn().outputTokens()).isEqualTo((FakeProvider.ANSWER.length() + 3) / 4);
            assertThat(engine.lastTurn().costUsd()).as("groq/test-model is not in the catalog").isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ApiProvider.class, names = {"OPENAI", "ANTHROPIC"})
    void eachFailureIsOneClearSentenceWithoutTheKey(ApiProvider provider) throws Exception {
        record Case(Mode mode, String expected) {
        }
        List<Case> cases = List.of(
                new Case(Mode.UNAUTHORIZED, "refused the API key (HTTP 401): check " + provider.keyVariable()),
                new Case(Mode.FORBIDDEN, "denied access (HTTP 403)"),
                new Case(Mode.RATE_LIMITED, "rate-limiting requests (HTTP 429); it asks to wait 30 s"),
                new Case(Mode.SERVER_ERROR, "server error (HTTP 500)"),
                new Case(Mode.CUT, "ended before the answer was complete"),
                new Case(Mode.MALFORMED, "malformed stream"));
        for (Case c : cases) {
            server.then(c.mode());
            try (ApiChatEngine engine = engine(provider, provider == ApiProvider.OPENAI ? "test-model" : "claude-test-4-5")) {
                StringBuilder streamed = new StringBuilder();
                assertThatThrownBy(() -> ask(engine, streamed)).as(c.mode().name())
                        .isInstanceOf(ChatEngineException.class)
                        .hasMessageContaining(c.expected())
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
                assertThat(engine.lastTurn().error()).doesNotContain(KEY).contains(c.expected());
                if (c.mode() == Mode.CUT || c.mode() == Mode.MALFORMED) {
                    assertThat(streamed.toString()).as("the partial answer is kept").isEqualTo("Paris is the ");
                }
            }
        }
    }

    @Test
    void aStreamThatGoesSilentIsGivenUpAfterTheIdleTimeoutKeepingThePartialAnswer() throws Exception {
        server.then(Mode.STALL);
        try (ApiChatEngine engine = ApiEngines.open(ApiSettings.of(new ApiTarget(ApiProvider.OPENAI, "test-model"),
                URI.create(server.baseUrl()), new ApiKey(KEY, "test"), PRICES).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
            StringBuilder streamed = new StringBuilder();
            long start = System.nanoTime();
            assertThatThrownBy(() -> ask(engine, streamed)).isInstanceOf(ChatEngineException.class)
                    .hasMessageContaining("partial answer is kept");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(streamed.toString()).isEqualTo("Paris is the ");
        }
    }

    @Test
    void aShortRetryAfterIsWaitedOutAndRetriedOnce() throws Exception {
        server.then(Mode.RATE_LIMITED_BRIEFLY);
        try (ApiChatEngine engine = engine(ApiProvider.OPENAI, "test-model")) {
            long start = System.nanoTime();
            assertThat(ask(engine, new StringBuilder()).text()).isEqualTo(FakeProvider.ANSWER);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(server.seen()).hasSize(2);
        }
    }

    @Test
    void anUnreachableHostSaysSoAndNamesTheVariableToCheck() {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try (ApiChatEngine engine = ApiEngines.open(ApiSettings.of(new ApiTarget(ApiProvider.DEEPSEEK, "deepseek-chat"),
                URI.create("http://127.0.0.1:" + closedPort + "/v1"), new ApiKey(KEY, "test"), PRICES))) {
            assertThatThrownBy(() -> ask(engine, new StringBuilder()))
                    .hasMessageContaining("Cannot reach deepseek").hasMessageContaining("DEEPSEEK_BASE_URL");
        }
    }

    @Test
    void theKeyNeverShowsInToStringOrJson() throws Exception {
        ApiKey key = new ApiKey(KEY, "test");
        assertThat(key.toString()).doesNotContain(KEY);
        assertThat(Json.mapper().writeValueAsString(java.util.Map.of("k", key))).doesNotContain(KEY);
    }

    @Test
    void catalogIdsAreFoundDespiteDatesAndDots() {
        assertThat(ApiPricing.candidates(new ApiTarget(ApiProvider.ANTHROPIC, "claude-sonnet-4-5-20250929")))
                .contains("anthropic/claude-sonnet-4-5");
        assertThat(ApiPricing.candidates(new ApiTarget(ApiProvider.OPENROUTER, "anthropic/claude-sonnet-4.5")))
                .contains("anthropic/claude-sonnet-4-5");
    }
}
