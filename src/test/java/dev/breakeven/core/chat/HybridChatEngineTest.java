package dev.breakeven.core.chat;

import dev.breakeven.core.router.RouteDecision;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded tiny model as "local" and the real llama-server on loopback as the "API". */
class HybridChatEngineTest {
    private static LlamaServerProcess server;
    private static HybridChatEngine hybrid;
    private static EmbeddedLlamaEngine local;
    private static ExternalOpenAiEngine api;

    @BeforeAll
    static void start() throws Exception {
        server = LlamaServerProcess.start(SharedModels.tinyLlama());
        local = new EmbeddedLlamaEngine(EmbeddedSettings.of(SharedModels.tinyLlama()).withContextSize(256).withThreads(2));
        api = new ExternalOpenAiEngine(ExternalSettings.of(server.url()));
        hybrid = new HybridChatEngine(local, api, new Router(new RoutingRules(64, List.of("prove"), true, 2)));
        hybrid.prepare(Cancellation.none());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (hybrid != null) {
            hybrid.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ChatRequest ask(List<ChatMessage> messages) {
        return new ChatRequest("", messages, SamplingSettings.defaults().withMaxTokens(8).withSeed(5), true);
    }

    private static GenerationResult generate(ChatRequest request) throws ChatEngineException {
        List<String> pieces = new ArrayList<>();
        GenerationResult result = hybrid.generate(request, new GenerationMetrics(), pieces::add, Cancellation.none());
        assertThat(String.join("", pieces)).isEqualTo(result.text());
        assertThat(result.stopReason()).isEqualTo(StopReason.LENGTH);
        return result;
    }

    @Test
    void aHardPromptIsAnsweredByTheApiServer() throws Exception {
        GenerationResult result = generate(ask(List.of(ChatMessage.user("Please prove it"))));
        HybridChatEngine.Routed routed = hybrid.lastRouted();
        assertThat(routed.engine()).isSameAs(api);
        assertThat(routed.decision().reasons()).extracting(RouteReason::text).containsExactly("mentions \"prove\"");
        // the server answered: its own timings came back over HTTP
        assertThat(result.metrics().engineDecodeTokPerSec()).isPositive();
        assertThat(result.metrics().genTokens()).isEqualTo(8);
    }

    @Test
    void anEasyPromptStaysOnTheEmbeddedModelWithItsExactTokenCount() throws Exception {
        GenerationResult result = generate(ask(List.of(ChatMessage.user("Hello there"))));
        HybridChatEngine.Routed routed = hybrid.lastRouted();
        assertThat(routed.engine()).isSameAs(local);
        assertThat(routed.decision()).isInstanceOf(RouteDecision.Local.class);
        assertThat(routed.decision().promptTokens()).isEqualTo(local.countTokens("Hello there"));
        assertThat(routed.decision().reasons().getFirst().text()).doesNotContain("estimated");
        assertThat(result.metrics().genTokens()).isEqualTo(8);
    }

    @Test
    void theNewestUserMessageAndTheTurnsBeforeItDecide() {
        // "prove" in an earlier turn does not count; three earlier messages exceed the limit of two
        ChatRequest longChat = ask(List.of(ChatMessage.user("prove it"), ChatMessage.assistant("ok"),
                ChatMessage.user("and?"), ChatMessage.assistant("done"), ChatMessage.user("thanks")));
        HybridChatEngine.Routed routed = hybrid.route(longChat);
        assertThat(routed.engine()).isSameAs(api);
        assertThat(routed.decision().reasons()).extracting(RouteReason::rule)
                .containsExactly(RouteReason.Rule.CONVERSATION);

        ChatRequest shortChat = ask(List.of(ChatMessage.user("prove it"), ChatMessage.assistant("ok"),
                ChatMessage.user("thanks")));
        assertThat(hybrid.route(shortChat).engine()).isSameAs(local);
    }

    @Test
    void reportsBothSidesAndTheSmallerContext() {
        assertThat(hybrid.label()).startsWith("hybrid: local ").contains("API external");
        assertThat(hybrid.contextSize()).isEqualTo(256);
        assertThat(hybrid.countTokens("Hello there")).isEqualTo(local.countTokens("Hello there"));
    }
}
