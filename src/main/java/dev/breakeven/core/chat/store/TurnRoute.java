package dev.breakeven.core.chat.store;

import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.api.ApiTurn;
import dev.breakeven.core.router.RouteReason;

import java.util.List;
import java.util.Locale;

/**
 * Where one answer went and what it took, saved with the answer: the route ("Local", "API" or "Local (API failed)"),
 * the router's reasons (empty when no router chose: a plain local or API engine), the model that answered, tokens,
 * time to first token, latency, output rate and — for the API — the cost at the catalog's price. {@code error} is the
 * API's failure: the reason a turn was answered locally instead, or why a turn has no complete answer. Never holds a
 * key: error texts come redacted from the API engine.
 *
 * @param tokensReported false when the token counts are estimates (a provider that sent no usage)
 * @param costUsd        null for a local answer, or an API model the price catalog does not know
 */
public record TurnRoute(String route, List<String> reasons, String target, int inputTokens, int outputTokens,
                        boolean tokensReported, Double ttftMs, double latencyMs, Double tokPerSec, Double costUsd,
                        String error) {
    public static final String LOCAL = "Local";
    public static final String API = "API";
    public static final String FALLBACK = "Local (API failed)";

    public TurnRoute {
        route = route == null || route.isBlank() ? LOCAL : route;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean viaApi() {
        return API.equals(route);
    }

    /**
     * The route of the answer {@code engine} just gave (or failed to give, {@code error} non-null): a hybrid engine
     * says where its router sent it; an API engine has the provider's usage and cost; any other engine is local and
     * its figures are the measured {@code metrics}.
     */
    public static TurnRoute of(ChatEngine engine, MetricsSnapshot metrics, String error) {
        List<String> reasons = List.of();
        String route = API;
        ChatEngine answered = engine;
        String failure = error;
        if (engine instanceof HybridChatEngine hybrid && hybrid.lastRouted() != null) {
            HybridChatEngine.Routed routed = hybrid.lastRouted();
            reasons = routed.decision().reasons().stream().map(RouteReason::text).toList();
            route = routed.label();
            answered = routed.engine();
            if (routed.fallback() != null) {
                failure = routed.fallback();
            }
        }
        if (answered instanceof ApiChatEngine api && api.lastTurn() != null) {
            ApiTurn t = api.lastTurn();
            return new TurnRoute(API, reasons, t.target(), t.inputTokens(), t.outputTokens(), t.usageReported(),
                    t.ttftMs(), t.totalMs(), t.outputTokPerSec(), t.costUsd(), failure);
        }
        String local = route.equals(API) ? LOCAL : route;
        return new TurnRoute(local, reasons, answered.modelName(), metrics.promptTokens(), metrics.genTokens(), true,
                metrics.ttftMs(), metrics.elapsedMs(), metrics.bestDecodeTokPerSec(), null, failure);
    }

    /** "1200 in / 8 out tokens · first token 40 ms · 1.2 s · 95.0 tok/s · $0.00031" (cost "no API cost" locally). */
    public String figures() {
        return String.format(Locale.ROOT, "%d in / %d out tokens%s · first token %s · %s · %s tok/s · %s",
                inputTokens, outputTokens, tokensReported ? "" : " (estimated)",
                ttftMs == null ? "n/a" : String.format(Locale.ROOT, "%.0f ms", ttftMs),
                latencyMs >= 1000 ? String.format(Locale.ROOT, "%.1f s", latencyMs / 1000)
                        : String.format(Locale.ROOT, "%.0f ms", latencyMs),
                tokPerSec == null ? "n/a" : String.format(Locale.ROOT, "%.1f", tokPerSec),
                viaApi() ? (costUsd == null ? "no catalog price" : String.format(Locale.ROOT, "$%.5f", costUsd))
                        : "no API cost");
    }

    /** "API · openai/gpt-5-mini — mentions "prove"; …" */
    public String headline() {
        return route + " · " + target + (reasons.isEmpty() ? "" : " — " + String.join("; ", reasons));
    }
}
