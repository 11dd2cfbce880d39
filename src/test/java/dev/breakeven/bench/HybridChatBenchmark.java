package dev.breakeven.bench;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.api.ApiEngines;
import dev.breakeven.core.chat.api.ApiKey;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.chat.api.ApiSettings;
import dev.breakeven.core.chat.api.ApiTarget;
import dev.breakeven.core.chat.store.ChatTurn;
import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.chat.store.StoredMessage;
import dev.breakeven.core.chat.store.TurnRoute;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.testing.FakeProvider;
import dev.breakeven.testing.FakeProvider.Mode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 15's Chat figures: a Chat-page turn (ChatTurn: saved before, during and after) through the hybrid engine with
 * the tiny llama under the shared llama-server as the local side and a loopback OpenAI-compatible emulator as the API —
 * a local turn, an API turn, an API turn that fails with HTTP 500 and falls back to local, and one whose 429 asks to
 * wait 1 s (waited out and retried once). Median and 90th percentile of the wall time of each, with the engine's own
 * latency for the first two. Run: {@code ./mvnw -o -q test-compile exec:exec -Dbench=HybridChatBenchmark}.
 */
public final class HybridChatBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 20);

    private HybridChatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("breakeven.shared", "../shared"));
        Path home = Files.createTempDirectory("hybrid-chat-bench");
        LocalEngines locals = new LocalEngines(new EngineSupervisor(Files.createDirectories(home.resolve("run")),
                home.resolve("logs")), LlamaServerLocator.at(shared.resolve("llama.cpp/llama-server")));
        ConversationStore store = ConversationStore.under(home);
        try (FakeProvider provider = new FakeProvider()) {
            ChatEngine local = locals.engine(EngineKind.RUNTIME, shared.resolve("models/llama-2-tiny-random.gguf"), 512, 0,
                    m -> { });
            long start = System.nanoTime();
            local.prepare(Cancellation.none());
            System.out.printf(Locale.ROOT, "llama-server with the tiny llama ready in %.0f ms%n", (System.nanoTime() - start) / 1e6);
            try (HybridChatEngine hybrid = new HybridChatEngine(local, ApiEngines.open(ApiSettings.of(
                    new ApiTarget(ApiProvider.OPENAI, "gpt-4o-mini"), URI.create(provider.baseUrl()),
                    new ApiKey("sk-bench", "bench"), PriceCatalog.bundled())), new Router(RoutingRules.defaults()), true)) {
                ChatTurn turn = new ChatTurn(hybrid, store, AnswerPower.none());
                row(turn, provider, "local turn (\"hi\")", "hi", null, TurnRoute.LOCAL);
                row(turn, provider, "API turn (\"Prove …\")", "Prove that sqrt(2) is irrational", null, TurnRoute.API);
                row(turn, provider, "API 500 → local fallback", "Prove that sqrt(3) is irrational", Mode.SERVER_ERROR,
                        TurnRoute.FALLBACK);
                row(turn, provider, "API 429 retry-after 1 s → retried", "Prove that sqrt(5) is irrational",
                        Mode.RATE_LIMITED_BRIEFLY, TurnRoute.API);
            }
        }
    }

    private static void row(ChatTurn turn, FakeProvider provider, String name, String prompt, Mode fault,
                            String expected) throws Exception {
        List<Double> wall = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        int runs = fault == Mode.RATE_LIMITED_BRIEFLY ? Math.min(RUNS, 5) : RUNS;
        for (int i = 0; i < runs; i++) {
            if (fault != null) {
                provider.then(fault);
            }
            Conversation c = Conversation.start("", SamplingSettings.defaults().withMaxTokens(16).withSeed(i), 0)
                    .append(StoredMessage.user(prompt, 0), 0);
            long t0 = System.nanoTime();
            ChatTurn.Outcome outcome = turn.answer(c, new GenerationMetrics(), p -> { }, Cancellation.none(), f -> { });
            wall.add((System.nanoTime() - t0) / 1e6);
            TurnRoute route = outcome.conversation().messages().getLast().route();
            if (!route.route().equals(expected)) {
                throw new IllegalStateException(name + ": routed " + route.route() + ", expected " + expected);
            }
            engine.add(route.latencyMs());
        }
        System.out.printf(Locale.ROOT, "%-36s wall median %6.0f ms, p90 %6.0f ms | engine median %6.0f ms (%d runs)%n",
                name, pct(wall, 0.5), pct(wall, 0.9), pct(engine, 0.5), runs);
    }

    private static double pct(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
