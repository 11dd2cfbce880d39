package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.Role;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.api.ApiEngines;
import dev.breakeven.core.chat.api.ApiKey;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.chat.api.ApiSettings;
import dev.breakeven.core.chat.api.ApiTarget;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a chat turn saves about its route, through the store, against loopback servers playing provider and local engine. */
class TurnRouteTest {
    static final String KEY = "sk-route-CANARY-8642";

    @TempDir
    Path data;

    private static ApiChatEngine api(FakeProvider server) {
        return ApiEngines.open(ApiSettings.of(new ApiTarget(ApiProvider.OPENAI, "gpt-4o-mini"),
                URI.create(server.baseUrl()), new ApiKey(KEY, "test"), PriceCatalog.bundled()));
    }

    private static Conversation ask(Conversation c, String text) {
        return c.append(StoredMessage.user(text, 1), 1);
    }

    private ChatTurn.Outcome answer(ConversationStore store, HybridChatEngine engine, Conversation c) throws Exception {
        return new ChatTurn(engine, store, AnswerPower.none(), System::currentTimeMillis, Duration.ofHours(1))
                .answer(c, new GenerationMetrics(), p -> { }, Cancellation.none(), fit -> { });
    }

    @Test
    void eachTurnSavesItsRouteTheApiOneWithoutLocalMetricsAndTheTotalsAddUpPerRoute() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        try (FakeProvider provider = new FakeProvider(); FakeProvider local = new FakeProvider();
             HybridChatEngine engine = new HybridChatEngine(new ExternalOpenAiEngine(ExternalSettings.of(local.rootUrl())),
                     api(provider), new Router(RoutingRules.defaults()), true)) {
            Conversation c = Conversation.start("", SamplingSettings.defaults(), 0).withRouting(
                    new ChatRouting(ChatRouting.Mode.HYBRID, "openai/gpt-4o-mini", HybridChatEngine.RouteOverride.AUTO, true));
            c = answer(store, engine, ask(c, "hello")).conversation();
            c = answer(store, engine, ask(c, "Prove that there are infinitely many primes")).conversation();
            provider.then(Mode.SERVER_ERROR);
            c = answer(store, engine, ask(c, "Prove it again")).conversation();

            Conversation saved = store.load(c.id()).orElseThrow();
            TurnRoute local0 = saved.messages().get(1).route();
            TurnRoute api1 = saved.messages().get(3).route();
            TurnRoute fallback2 = saved.messages().get(5).route();
            assertThat(local0.route()).isEqualTo(TurnRoute.LOCAL);
            assertThat(local0.costUsd()).isNull();
            assertThat(saved.messages().get(1).metrics()).as("a local answer is a local measurement").isNotNull();
            assertThat(api1.route()).isEqualTo(TurnRoute.API);
            assertThat(api1.reasons()).anySatisfy(r -> assertThat(r).contains("prove"));
            assertThat(api1.target()).isEqualTo("openai/gpt-4o-mini");
            assertThat(api1.inputTokens()).isEqualTo(FakeProvider.INPUT_TOKENS);
            assertThat(api1.costUsd()).isPositive();
            assertThat(saved.messages().get(3).metrics()).as("the provider's rate is not this machine's").isNull();
            assertThat(fallback2.route()).isEqualTo(TurnRoute.FALLBACK);
            assertThat(fallback2.error()).contains("HTTP 500");
            assertThat(saved.messages().get(5).metrics()).isNotNull();
            assertThat(saved.routing().mode()).isEqualTo(ChatRouting.Mode.HYBRID);
            assertThat(store.list().conversations().getFirst().messages()).filteredOn(m -> m.metrics() != null)
                    .as("Costs and Ledger read message metrics: they see the two local answers only").hasSize(2);

            var totals = RouteTotals.of(saved);
            assertThat(totals).extracting(RouteTotals::route)
                    .containsExactly(TurnRoute.LOCAL, TurnRoute.API, TurnRoute.FALLBACK);
            RouteTotals apiTotals = totals.get(1);
            assertThat(apiTotals.turns()).isEqualTo(1);
            assertThat(apiTotals.costUsd()).isEqualTo(api1.costUsd());
            assertThat(apiTotals.describe()).startsWith("API: 1 turn, 1,200 in / 8 out tokens, $");
            assertThat(MarkdownExport.toMarkdown(saved)).contains("*API · openai/gpt-4o-mini — mentions \"prove\"");
        }
    }

    @Test
    void aFailedApiTurnIsSavedPartialWithTheRedactedMessage() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        try (FakeProvider provider = new FakeProvider().then(Mode.UNAUTHORIZED); FakeProvider local = new FakeProvider();
             HybridChatEngine engine = new HybridChatEngine(new ExternalOpenAiEngine(ExternalSettings.of(local.rootUrl())),
                     api(provider), new Router(RoutingRules.defaults()), false)) {
            engine.setOverride(HybridChatEngine.RouteOverride.ALWAYS_API);
            Conversation c = ask(Conversation.start("", SamplingSettings.defaults(), 0), "hi");
            assertThatThrownBy(() -> answer(store, engine, c)).isInstanceOf(ChatEngineException.class);
            StoredMessage kept = store.load(c.id()).orElseThrow().messages().getLast();
            assertThat(kept.role()).isEqualTo(Role.ASSISTANT);
            assertThat(kept.partial()).isTrue();
            assertThat(kept.route().route()).isEqualTo(TurnRoute.API);
            assertThat(kept.route().error()).contains("HTTP 401").doesNotContain(KEY);
            assertThat(Files.readString(data.resolve("conversations").resolve(c.id() + ".json"))).doesNotContain(KEY);
            assertThat(local.seen()).isEmpty();
        }
    }

    @Test
    void aConversationSavedBeforeRoutesWereRecordedStillLoadsAndCountsItsAnswersAsLocal() throws Exception {
        Path folder = Files.createDirectories(data.resolve("conversations"));
        Files.writeString(folder.resolve("old-1.json"), """
                {"id":"old-1","title":"Old","createdEpochMillis":1,"updatedEpochMillis":2,"systemPrompt":"",
                 "sampling":null,"messages":[
                  {"role":"USER","content":"hi","atEpochMillis":1,"partial":false,"metrics":null},
                  {"role":"ASSISTANT","content":"hello","atEpochMillis":2,"partial":false,"metrics":
                   {"engine":"runtime","model":"tiny","promptTokens":5,"genTokens":7,"ttftMs":10.0,
                    "promptTokPerSec":null,"decodeTokPerSec":50.0,"engineDecodeTokPerSec":null,"watts":null,
                    "joules":null,"powerSource":null,"powerMeasured":false,"stopReason":"FINISHED"}}]}
                """);
        Conversation old = ConversationStore.under(data).load("old-1").orElseThrow();
        assertThat(old.routing()).isNull();
        assertThat(old.messages().getLast().route()).isNull();
        assertThat(RouteTotals.of(old)).singleElement().satisfies(t -> {
            assertThat(t.route()).isEqualTo(TurnRoute.LOCAL);
            assertThat(t.outputTokens()).isEqualTo(7);
        });
    }
}
