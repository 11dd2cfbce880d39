package dev.breakeven.core.chat.api;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hybrid engine with a real API engine: routing, the per-conversation override, and falling back to local. */
class HybridFallbackTest {
    private static ChatRequest ask(String prompt) {
        return new ChatRequest("", List.of(ChatMessage.user(prompt)), SamplingSettings.defaults());
    }

    private static HybridChatEngine hybrid(FakeProvider local, FakeProvider api, boolean fallback) {
        ApiChatEngine apiEngine = ApiEngines.open(ApiSettings.of(new ApiTarget(ApiProvider.OPENAI, "test-model"),
                URI.create(api.baseUrl()), new ApiKey("sk-x", "test"), ApiChatEngineTest.PRICES));
        return new HybridChatEngine(new ExternalOpenAiEngine(ExternalSettings.of(local.rootUrl())), apiEngine,
                new Router(RoutingRules.defaults()), fallback);
    }

    @Test
    void aHardPromptGoesToTheApiAndAnEasyOneStaysLocal() throws Exception {
        try (FakeProvider local = new FakeProvider(); FakeProvider api = new FakeProvider();
             HybridChatEngine engine = hybrid(local, api, false)) {
            engine.generate(ask("Please prove that sqrt(2) is irrational"), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(engine.lastRouted().label()).isEqualTo("API");
            assertThat(api.seen()).hasSize(1);
            engine.generate(ask("hi"), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(engine.lastRouted().label()).isEqualTo("Local");
            assertThat(local.seen()).hasSize(1);

            engine.setOverride(HybridChatEngine.RouteOverride.ALWAYS_LOCAL);
            engine.generate(ask("Please prove it"), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(engine.lastRouted().label()).isEqualTo("Local");
            assertThat(engine.lastRouted().decision().reasons().getFirst().text()).contains("always local");
            engine.setOverride(HybridChatEngine.RouteOverride.ALWAYS_API);
            engine.generate(ask("hi"), new GenerationMetrics(), p -> { }, Cancellation.none());
            assertThat(api.seen()).hasSize(2);
        }
    }

    @Test
    void withFallbackOnAFailedApiTurnIsAnsweredLocallyAndMarked() throws Exception {
        try (FakeProvider local = new FakeProvider(); FakeProvider api = new FakeProvider().then(Mode.SERVER_ERROR);
             HybridChatEngine engine = hybrid(local, api, true)) {
            StringBuilder shown = new StringBuilder();
            GenerationResult result = engine.generate(ask("Please prove it"), new GenerationMetrics(), shown::append,
                    Cancellation.none());
            assertThat(result.text()).isEqualTo(FakeProvider.ANSWER);
            assertThat(engine.lastRouted().label()).isEqualTo("Local (API failed)");
            assertThat(engine.lastRouted().fallback()).contains("HTTP 500");
            assertThat(shown.toString()).contains("[API failed:").contains("Answered locally.").endsWith(FakeProvider.ANSWER);
        }
    }

    @Test
    void withoutFallbackTheApiFailureReachesTheCaller() throws Exception {
        try (FakeProvider local = new FakeProvider(); FakeProvider api = new FakeProvider().then(Mode.UNAUTHORIZED);
             HybridChatEngine engine = hybrid(local, api, false)) {
            assertThatThrownBy(() -> engine.generate(ask("Please prove it"), new GenerationMetrics(), p -> { },
                    Cancellation.none())).isInstanceOf(ChatEngineException.class).hasMessageContaining("HTTP 401");
            assertThat(local.seen()).isEmpty();
        }
    }
}
