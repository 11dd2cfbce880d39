package dev.breakeven.core.chat;

import dev.breakeven.core.router.RouteDecision;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.RouteRequest;
import dev.breakeven.core.router.Router;

import java.util.List;
import java.util.Objects;

/**
 * A local engine and an API engine behind one {@link ChatEngine}: each request goes where the {@link Router} sends
 * it, judged on the newest user message and the length of the conversation before it. The embedded engine's
 * tokenizer gives the router exact counts; otherwise the router estimates.
 */
public final class HybridChatEngine implements ChatEngine {
    private final ChatEngine local;
    private final ChatEngine api;
    private final Router router;
    private volatile boolean fallbackToLocal;
    private volatile RouteOverride override = RouteOverride.AUTO;
    private volatile Routed last;

    /** A per-conversation override of the router. */
    public enum RouteOverride { AUTO, ALWAYS_LOCAL, ALWAYS_API }

    /**
     * Which engine answered the latest request, and why. {@code fallback} is null unless the API failed and the local
     * engine answered instead; then it is the API's failure message.
     */
    public record Routed(RouteDecision decision, ChatEngine engine, String fallback) {
        public Routed(RouteDecision decision, ChatEngine engine) {
            this(decision, engine, null);
        }

        /** "API", "Local", or "Local (API failed)". */
        public String label() {
            return fallback != null ? "Local (API failed)" : decision.label();
        }
    }

    public HybridChatEngine(ChatEngine local, ChatEngine api, Router router) {
        this(local, api, router, false);
    }

    /** @param fallbackToLocal when the API fails, answer locally (the turn is marked) instead of failing the turn */
    public HybridChatEngine(ChatEngine local, ChatEngine api, Router router, boolean fallbackToLocal) {
        this.local = Objects.requireNonNull(local, "local");
        this.api = Objects.requireNonNull(api, "api");
        this.router = Objects.requireNonNull(router, "router");
        this.fallbackToLocal = fallbackToLocal;
    }

    public void setOverride(RouteOverride value) {
        override = Objects.requireNonNull(value, "override");
    }

    /** Per conversation: whether a failed API turn is answered locally (and marked) instead of failing. */
    public void setFallbackToLocal(boolean value) {
        fallbackToLocal = value;
    }

    public boolean fallbackToLocal() {
        return fallbackToLocal;
    }

    public RouteOverride override() {
        return override;
    }

    public ChatEngine local() {
        return local;
    }

    public ChatEngine api() {
        return api;
    }

    @Override
    public String label() {
        return "hybrid: local " + local.label() + ", API " + api.label();
    }

    @Override
    public String modelName() {
        return local.modelName() + " / " + api.modelName();
    }

    /** Both sides must be ready: a hybrid that cannot reach its API would quietly answer hard requests badly. */
    @Override
    public void prepare(Cancellation cancel) throws ChatEngineException {
        local.prepare(cancel);
        api.prepare(cancel);
    }

    /** The smaller known window, so a conversation trimmed to it fits whichever side answers. */
    @Override
    public int contextSize() {
        int a = local.contextSize();
        int b = api.contextSize();
        if (a == 0 || b == 0) {
            return Math.max(a, b);
        }
        return Math.min(a, b);
    }

    @Override
    public int countTokens(String text) {
        return local.countTokens(text);
    }

    /** Counted by the side that would answer it, since the two tokenizers differ. */
    @Override
    public int countPromptTokens(ChatRequest request) {
        return route(request).engine().countPromptTokens(request);
    }

    /** Where this request would go, without sending it. */
    public Routed route(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int newest = messages.size() - 1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == Role.USER) {
                newest = i;
                break;
            }
        }
        String prompt = messages.get(newest).content();
        Integer exact = local instanceof EmbeddedLlamaEngine
                || local instanceof SupervisedEngine s && s.exactTokenCounts() ? local.countTokens(prompt) : null;
        RouteDecision decision = router.route(new RouteRequest(prompt, newest, exact));
        decision = switch (override) {
            case AUTO -> decision;
            case ALWAYS_LOCAL -> new RouteDecision.Local(decision.promptTokens(),
                    List.of(new RouteReason(RouteReason.Rule.OVERRIDE, false, "always local for this conversation")));
            case ALWAYS_API -> new RouteDecision.Api(decision.promptTokens(),
                    List.of(new RouteReason(RouteReason.Rule.OVERRIDE, true, "always API for this conversation")));
        };
        return new Routed(decision, decision.toApi() ? api : local);
    }

    @Override
    public GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink,
                                     Cancellation cancel) throws ChatEngineException {
        Routed routed = route(request);
        last = routed;
        if (routed.engine() != api || !fallbackToLocal) {
            return routed.engine().generate(request, metrics, sink, cancel);
        }
        try {
            return api.generate(request, metrics, sink, cancel);
        } catch (ChatEngineException e) {
            if (cancel.isCancelled()) {
                throw e;
            }
            // The API's failure is the reason the turn is answered here; the sink shows it before the local answer.
            last = new Routed(routed.decision(), local, e.getMessage());
            sink.accept("\n[API failed: " + e.getMessage() + " Answered locally.]\n");
            return local.generate(request, new GenerationMetrics(), sink, cancel);
        }
    }

    /** The routing of the latest {@link #generate} call; null before the first. */
    public Routed lastRouted() {
        return last;
    }

    @Override
    public void close() {
        try {
            local.close();
        } finally {
            api.close();
        }
    }
}
