package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.api.ApiEngines;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiSettings;
import dev.breakeven.core.chat.api.ApiTarget;
import dev.breakeven.core.chat.api.ApiTurn;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRulesStore;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code chat --api …} and {@code chat --hybrid …}: one prompt to a hosted API, or routed between it and the
 * local engine. A failed API turn keeps what streamed, says what went wrong and exits 1 (the JSON carries both).
 */
final class ApiChat {
    /** The {@code chat --api --json} contract: {@code costUsd} is null for an unpriced model and 0 for a local turn. */
    record Output(String answer, String stopReason, String route, List<String> reasons, String fallback, String engine,
                  String model, Tokens tokens, Latency latency, Double tokPerSec, Double costUsd, String priceId,
                  boolean usageReported, String error) {
    }

    record Tokens(int input, int cachedInput, int output) {
    }

    record Latency(Double ttftMs, double totalMs) {
    }

    private final AppServices services;
    private final ApiChatOptions options;
    private final CommandLine commandLine;

    ApiChat(AppServices services, ApiChatOptions options, CommandLine commandLine) {
        this.services = services;
        this.options = options;
        this.commandLine = commandLine;
    }

    int run(EngineOptions local, String system, String prompt, SamplingSettings sampling, boolean json)
            throws ChatEngineException {
        if (options.target == null) {
            throw new CommandLine.ParameterException(commandLine, "--hybrid needs --api PROVIDER/MODEL for the API side");
        }
        HybridChatEngine.RouteOverride override = switch (options.route.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> HybridChatEngine.RouteOverride.AUTO;
            case "local" -> HybridChatEngine.RouteOverride.ALWAYS_LOCAL;
            case "api" -> HybridChatEngine.RouteOverride.ALWAYS_API;
            default -> throw new CommandLine.ParameterException(commandLine, "--route must be auto, local or api");
        };
        if (!options.hybrid && (options.fallbackLocal || override != HybridChatEngine.RouteOverride.AUTO)) {
            throw new CommandLine.ParameterException(commandLine, "--fallback-local and --route need --hybrid");
        }
        ApiSettings settings;
        try {
            ApiTarget target = ApiTarget.parse(options.target);
            settings = ApiSettings.resolve(target, ApiKeys.system(services.dirs().settings()), options.baseUrl,
                    PriceCatalog.userOrBundled(services.dirs().data().resolve(PriceCatalog.USER_FILE)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        } catch (IOException e) {
            throw new ChatEngineException(e.getMessage(), e);
        }
        ApiChatEngine api = ApiEngines.open(settings);
        ChatEngine engine = api;
        HybridChatEngine hybrid = null;
        if (options.hybrid) {
            ChatEngine localEngine;
            try {
                localEngine = local.open(commandLine, services.engines(), services.dirs().settings());
            } catch (ChatEngineException | RuntimeException e) {
                api.close();
                throw e;
            }
            RoutingRulesStore.Loaded rules = RoutingRulesStore.inSettings(services.dirs().settings()).load();
            rules.note().ifPresent(n -> commandLine.getErr().println("note: " + n));
            hybrid = new HybridChatEngine(localEngine, api, new Router(rules.rules()), options.fallbackLocal);
            hybrid.setOverride(override);
            engine = hybrid;
        }
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        StringBuilder streamed = new StringBuilder();
        try (ChatEngine e = engine) {
            GenerationMetrics metrics = new GenerationMetrics();
            GenerationResult result = null;
            String error = null;
            try {
                result = e.generate(new ChatRequest(system, List.of(ChatMessage.user(prompt)), sampling), metrics,
                        piece -> {
                            streamed.append(piece);
                            if (!json) {
                                out.print(piece);
                                out.flush();
                            }
                        }, Cancellation.none());
            } catch (ChatEngineException failure) {
                error = failure.getMessage();
            }
            Output o = output(result, streamed.toString(), hybrid, api, metrics.snapshot(), error);
            if (json) {
                JsonOutput.print(out, o);
            } else {
                out.println();
                if (o.route() != null) {
                    err.println("[route: " + o.route() + " — " + String.join("; ", o.reasons()) + "]");
                }
                err.printf(Locale.ROOT, "[%d in / %d out tokens%s, first token %s ms, %s tok/s, %s]%n",
                        o.tokens().input(), o.tokens().output(), o.usageReported() ? "" : " (estimated)",
                        fmt(o.latency().ttftMs()), fmt(o.tokPerSec()),
                        o.costUsd() == null ? "cost unknown: no catalog price for " + o.model()
                                : String.format(Locale.ROOT, "$%.6f", o.costUsd()));
                if (error != null) {
                    err.println("error: " + error);
                }
            }
            return error == null ? 0 : 1;
        }
    }

    private static Output output(GenerationResult result, String streamed, HybridChatEngine hybrid, ApiChatEngine api,
                                 MetricsSnapshot metrics, String error) {
        HybridChatEngine.Routed routed = hybrid == null ? null : hybrid.lastRouted();
        boolean usedApi = routed == null || routed.engine() == api;
        String route = routed == null ? null : routed.label();
        List<String> reasons = routed == null ? List.of() : routed.decision().reasons().stream().map(RouteReason::text).toList();
        String answer = result != null ? result.text() : streamed;
        String stop = result != null ? result.stopReason().name() : "ERROR";
        if (usedApi) {
            ApiTurn t = api.lastTurn();
            return new Output(answer, stop, route, reasons, null, api.label(), api.modelName(),
                    new Tokens(t.inputTokens(), t.cachedInputTokens(), t.outputTokens()),
                    new Latency(t.ttftMs(), t.totalMs()), t.outputTokPerSec(), t.costUsd(), t.priceId(),
                    t.usageReported(), error);
        }
        MetricsSnapshot m = result != null ? result.metrics() : metrics;
        ChatEngine local = hybrid.local();
        return new Output(answer, stop, route, reasons, routed.fallback(), local.label(), local.modelName(),
                new Tokens(m.promptTokens(), 0, m.genTokens()), new Latency(m.ttftMs(), m.elapsedMs()),
                m.bestDecodeTokPerSec(), 0.0, null, true, error);
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }
}
