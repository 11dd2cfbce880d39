package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code breakeven chat --api …} and {@code --hybrid} against loopback servers emulating OpenAI and Anthropic. */
class ChatApiCommandTest {
    static final String KEY = "sk-cli-KNOWN-987654321";

    @TempDir
    Path home;
    private FakeProvider server;

    @BeforeEach
    void start() throws Exception {
        // The environment wins over the key file, as in the SDKs; a developer's own key would be sent to the test server.
        assumeTrue(System.getenv("OPENAI_API_KEY") == null && System.getenv("ANTHROPIC_API_KEY") == null);
        server = new FakeProvider();
        ApiKeys keys = new ApiKeys(Map.<String, String>of()::get, home.resolve("settings"));
        keys.save(ApiProvider.OPENAI, KEY);
        keys.save(ApiProvider.ANTHROPIC, KEY);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void apiJsonCarriesAnswerTokensLatencyAndCostFromTheCatalog() throws Exception {
        CliRun run = CliRun.run(home, "chat", "--api", "openai/gpt-4o-mini", "--api-base", server.baseUrl(),
                "--prompt", "What is the capital of France?", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(run.out());
        assertThat(j.path("answer").asText()).isEqualTo(FakeProvider.ANSWER);
        assertThat(j.path("tokens").path("input").asInt()).isEqualTo(FakeProvider.INPUT_TOKENS);
        assertThat(j.path("tokens").path("output").asInt()).isEqualTo(FakeProvider.OUTPUT_TOKENS);
        assertThat(j.path("latency").path("ttftMs").asDouble()).isPositive();
        assertThat(j.path("priceId").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(j.path("costUsd").asDouble()).isPositive();
        assertThat(j.path("error").isNull()).isTrue();
        assertThat(server.seen().getFirst().header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(run.out() + run.err()).doesNotContain(KEY);
    }

    @Test
    void anthropicStreamsToStdoutWithFiguresOnStderr() {
        CliRun run = CliRun.run(home, "chat", "--api", "anthropic/claude-haiku-4-5", "--api-base", server.rootUrl(),
                "--prompt", "Capital of France?");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(FakeProvider.ANSWER);
        assertThat(run.err()).contains("1200 in / 8 out tokens").contains("$0.");
    }

    @Test
    void eachMisbehaviourEndsInOneClearLineAndExitOneKeepingThePartialAnswer() throws Exception {
        server.then(Mode.UNAUTHORIZED, Mode.RATE_LIMITED, Mode.SERVER_ERROR, Mode.CUT, Mode.MALFORMED);
        String[] expected = {"HTTP 401", "HTTP 429); it asks to wait 30 s", "HTTP 500", "ended before the answer",
                "malformed stream"};
        for (String e : expected) {
            CliRun run = CliRun.run(home, "chat", "--api", "openai/gpt-4o-mini", "--api-base", server.baseUrl(),
                    "--prompt", "hello", "--json");
            assertThat(run.code()).as(e).isEqualTo(1);
            JsonNode j = Json.mapper().readTree(run.out());
            assertThat(j.path("error").asText()).contains(e).doesNotContain(KEY);
            if (e.startsWith("ended") || e.startsWith("malformed")) {
                assertThat(j.path("answer").asText()).isEqualTo("Paris is the ");
            }
        }
    }

    @Test
    void aMissingKeyOrBadTargetSaysWhatToDo() {
        CliRun noKey = CliRun.run(home, "chat", "--api", "groq/llama-3.1-8b-instant", "--prompt", "hi");
        assumeTrue(System.getenv("GROQ_API_KEY") == null);
        assertThat(noKey.code()).isEqualTo(1);
        assertThat(noKey.err()).contains("No API key for groq").contains("GROQ_API_KEY");
        CliRun bad = CliRun.run(home, "chat", "--api", "gpt-5", "--prompt", "hi");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("PROVIDER/MODEL");
    }

    @Test
    void hybridRoutesEachPromptAndFallsBackToLocalWhenAsked() throws Exception {
        try (FakeProvider local = new FakeProvider()) {
            CliRun easy = CliRun.run(home, "chat", "--hybrid", "--api", "openai/gpt-4o-mini", "--api-base",
                    server.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "hello there", "--json");
            assertThat(easy.code()).as(easy.err()).isZero();
            JsonNode e = Json.mapper().readTree(easy.out());
            assertThat(e.path("route").asText()).isEqualTo("Local");
            assertThat(e.path("costUsd").asDouble()).isZero();
            assertThat(local.seen()).hasSize(1);

            CliRun hard = CliRun.run(home, "chat", "--hybrid", "--api", "openai/gpt-4o-mini", "--api-base",
                    server.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "Prove that there are infinitely many primes", "--json");
            JsonNode h = Json.mapper().readTree(hard.out());
            assertThat(h.path("route").asText()).isEqualTo("API");
            assertThat(h.path("reasons").get(0).asText()).contains("prove");
            assertThat(h.path("costUsd").asDouble()).isPositive();

            server.then(Mode.SERVER_ERROR);
            CliRun fallback = CliRun.run(home, "chat", "--hybrid", "--fallback-local", "--api", "openai/gpt-4o-mini",
                    "--api-base", server.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "Prove it", "--json");
            assertThat(fallback.code()).as(fallback.err()).isZero();
            JsonNode f = Json.mapper().readTree(fallback.out());
            assertThat(f.path("route").asText()).isEqualTo("Local (API failed)");
            assertThat(f.path("fallback").asText()).contains("HTTP 500");
            assertThat(f.path("answer").asText()).isEqualTo(FakeProvider.ANSWER);

            CliRun forced = CliRun.run(home, "chat", "--hybrid", "--route", "api", "--api", "openai/gpt-4o-mini",
                    "--api-base", server.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "hi", "--json");
            assertThat(Json.mapper().readTree(forced.out()).path("route").asText()).isEqualTo("API");
        }
    }

    @Test
    void engineHybridIsTheSameAsHybridAndEngineApiTheSameAsApi() throws Exception {
        try (FakeProvider local = new FakeProvider()) {
            CliRun easy = CliRun.run(home, "chat", "--engine", "hybrid", "--api", "openai/gpt-4o-mini", "--api-base",
                    server.baseUrl(), "--engine-url", local.rootUrl(), "--prompt", "hello there", "--json");
            assertThat(easy.code()).as(easy.err()).isZero();
            assertThat(Json.mapper().readTree(easy.out()).path("route").asText()).isEqualTo("Local");
            assertThat(local.seen()).hasSize(1);

            server.then(Mode.UNAUTHORIZED);
            CliRun fallback = CliRun.run(home, "chat", "--engine", "hybrid", "--fallback-local", "--api",
                    "openai/gpt-4o-mini", "--api-base", server.baseUrl(), "--engine-url", local.rootUrl(),
                    "--prompt", "Prove that there are infinitely many primes", "--json");
            assertThat(fallback.code()).as(fallback.err()).isZero();
            JsonNode f = Json.mapper().readTree(fallback.out());
            assertThat(f.path("route").asText()).isEqualTo("Local (API failed)");
            assertThat(f.path("fallback").asText()).contains("HTTP 401");
            assertThat(fallback.out() + fallback.err()).doesNotContain(KEY);

            CliRun api = CliRun.run(home, "chat", "--engine", "api:openai/gpt-4o-mini", "--api-base", server.baseUrl(),
                    "--prompt", "What is the capital of France?", "--json");
            assertThat(api.code()).as(api.err()).isZero();
            JsonNode a = Json.mapper().readTree(api.out());
            assertThat(a.path("answer").asText()).isEqualTo(FakeProvider.ANSWER);
            assertThat(a.path("engine").asText()).isEqualTo("openai/gpt-4o-mini (API)");
            assertThat(a.path("costUsd").asDouble()).isPositive();
            assertThat(local.seen()).as("the local server answered only the hybrid's local turns").hasSize(2);
        }
    }

    @Test
    void theEngineSpellingSaysWhatIsMissingOrContradictory() throws Exception {
        CliRun noLocal = CliRun.run(home, "chat", "--engine", "hybrid", "--api", "openai/gpt-4o-mini", "--prompt", "hi");
        assertThat(noLocal.code()).isEqualTo(2);
        assertThat(noLocal.err()).contains("--engine hybrid takes its local side from --gguf PATH or --engine-url URL");
        CliRun twoModels = CliRun.run(home, "chat", "--engine", "api:openai/gpt-5", "--api", "openai/gpt-4o-mini",
                "--prompt", "hi");
        assertThat(twoModels.code()).isEqualTo(2);
        assertThat(twoModels.err()).contains("name different models");
        CliRun badTarget = CliRun.run(home, "chat", "--engine", "api:gpt-5", "--prompt", "hi");
        assertThat(badTarget.code()).isEqualTo(2);
        assertThat(badTarget.err()).contains("PROVIDER/MODEL");
        assertThat(server.seen()).isEmpty();
    }
}
