package dev.breakeven.ui.hybrid;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.api.ApiEngines;
import dev.breakeven.core.chat.api.ApiKeys;
import dev.breakeven.core.chat.api.ApiProvider;
import dev.breakeven.core.chat.api.ApiSettings;
import dev.breakeven.core.chat.api.ApiTarget;
import dev.breakeven.core.chat.api.ApiTurn;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * "Ask" on the Hybrid page: a conversation answered by a hosted API, or — with a local server URL — by the hybrid
 * engine, each turn showing its route and reasons, tokens, latency, tok/s and cost, and the conversation's totals per
 * route. Keys are typed into a password field and stored only in the owner-only key file.
 */
public final class AskViewModel {
    /** Running totals of one route in this conversation. */
    public record Totals(int turns, long inputTokens, long outputTokens, double costUsd, double latencyMs) {
        Totals plus(int in, int out, double cost, double ms) {
            return new Totals(turns + 1, inputTokens + in, outputTokens + out, costUsd + cost, latencyMs + ms);
        }
    }

    private final ApiKeys keys;
    private final Supplier<PriceCatalog> prices;
    private final Supplier<RoutingRules> rules;
    private final Executor background;
    private final Executor fx;

    private final StringProperty target = new SimpleStringProperty("openai/gpt-5-mini");
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty localUrl = new SimpleStringProperty("");
    private final BooleanProperty fallback = new SimpleBooleanProperty(true);
    private final ObjectProperty<HybridChatEngine.RouteOverride> override =
            new SimpleObjectProperty<>(HybridChatEngine.RouteOverride.AUTO);
    private final StringProperty prompt = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper transcript = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper turnText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final List<ChatMessage> history = new ArrayList<>();
    private final Map<String, Totals> totals = new LinkedHashMap<>();
    private volatile Cancellation cancel;

    public AskViewModel(ApiKeys keys, Supplier<PriceCatalog> prices, Supplier<RoutingRules> rules, Executor background,
                        Executor fx) {
        this.keys = keys;
        this.prices = prices;
        this.rules = rules;
        this.background = background;
        this.fx = fx;
        refreshKeyStatus();
    }

    public StringProperty targetProperty() { return target; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    public StringProperty keyProperty() { return key; }
    public StringProperty localUrlProperty() { return localUrl; }
    public BooleanProperty fallbackProperty() { return fallback; }
    public ObjectProperty<HybridChatEngine.RouteOverride> overrideProperty() { return override; }
    public StringProperty promptProperty() { return prompt; }
    public ReadOnlyStringProperty transcriptProperty() { return transcript.getReadOnlyProperty(); }
    public ReadOnlyStringProperty turnTextProperty() { return turnText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty totalsTextProperty() { return totalsText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty keyStatusProperty() { return keyStatus.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    public Map<String, Totals> totals() {
        return Map.copyOf(totals);
    }

    /** Stores the typed key for the target's provider in the key file (mode 600) and clears the field. */
    public void saveKey() {
        try {
            ApiProvider provider = ApiTarget.parse(target.get()).provider();
            keys.save(provider, key.get());
            key.set("");
            refreshKeyStatus();
        } catch (IOException | IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    private void refreshKeyStatus() {
        try {
            Map<ApiProvider, String> found = keys.configured();
            keyStatus.set(found.isEmpty() ? "No API key yet: set e.g. OPENAI_API_KEY, or save one here (kept in "
                    + keys.file() + ", readable by you only)."
                    : "Keys: " + found.entrySet().stream().map(e -> e.getKey().id() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", ")));
        } catch (IOException e) {
            keyStatus.set(e.getMessage());
        }
    }

    /** Starts a new conversation: history and totals cleared. */
    public void clear() {
        history.clear();
        totals.clear();
        transcript.set("");
        turnText.set("");
        totalsText.set("");
        error.set("");
    }

    public void stop() {
        Cancellation c = cancel;
        if (c != null) {
            c.cancel();
        }
    }

    /** Sends the prompt; the answer streams into the transcript. The turn is kept whatever happens. */
    public void send() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        if (text.isEmpty() || running.get()) {
            return;
        }
        ChatEngine engine;
        ApiChatEngine api;
        HybridChatEngine hybrid = null;
        try {
            api = ApiEngines.open(ApiSettings.resolve(ApiTarget.parse(target.get()), keys,
                    baseUrl.get() == null || baseUrl.get().isBlank() ? null : baseUrl.get(), prices.get()));
            engine = api;
            if (localUrl.get() != null && !localUrl.get().isBlank()) {
                hybrid = new HybridChatEngine(new ExternalOpenAiEngine(ExternalSettings.of(localUrl.get())), api,
                        new Router(rules.get()), fallback.get());
                hybrid.setOverride(override.get());
                engine = hybrid;
            }
        } catch (IOException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        history.add(ChatMessage.user(text));
        prompt.set("");
        transcript.set(transcript.get() + (transcript.get().isEmpty() ? "" : "\n\n") + "You: " + text + "\n\nAnswer: ");
        running.set(true);
        Cancellation c = new Cancellation();
        cancel = c;
        ChatEngine chosen = engine;
        HybridChatEngine routed = hybrid;
        ChatRequest request = new ChatRequest("", List.copyOf(history), SamplingSettings.defaults());
        background.execute(() -> {
            GenerationMetrics metrics = new GenerationMetrics();
            GenerationResult result = null;
            String failure = null;
            try (ChatEngine e = chosen) {
                e.prepare(c);
                result = e.generate(request, metrics, piece -> fx.execute(() -> transcript.set(transcript.get() + piece)), c);
            } catch (ChatEngineException e) {
                failure = e.getMessage();
            }
            GenerationResult done = result;
            String failed = failure;
            fx.execute(() -> finish(done, failed, routed, api, metrics.snapshot()));
        });
    }

    private void finish(GenerationResult result, String failure, HybridChatEngine hybrid, ApiChatEngine api,
                        MetricsSnapshot metrics) {
        running.set(false);
        HybridChatEngine.Routed routed = hybrid == null ? null : hybrid.lastRouted();
        String route = routed == null ? "API" : routed.label();
        String reasons = routed == null ? "" : " — " + routed.decision().reasons().stream().map(RouteReason::text)
                .collect(Collectors.joining("; "));
        boolean viaApi = routed == null || routed.engine() == api;
        if (result != null) {
            history.add(ChatMessage.assistant(result.text()));
        }
        if (failure != null) {
            error.set(failure);
            transcript.set(transcript.get() + "\n[" + failure + "]");
        }
        String figures;
        if (viaApi && api.lastTurn() != null) {
            ApiTurn t = api.lastTurn();
            double cost = t.costUsd() == null ? 0 : t.costUsd();
            totals.merge(route, new Totals(0, 0, 0, 0, 0).plus(t.inputTokens(), t.outputTokens(), cost, t.totalMs()),
                    (a, b) -> a.plus((int) b.inputTokens(), (int) b.outputTokens(), b.costUsd(), b.latencyMs()));
            figures = String.format(Locale.ROOT, "%d in / %d out tokens%s · first token %s · %s tok/s · %s",
                    t.inputTokens(), t.outputTokens(), t.usageReported() ? "" : " (estimated)", ms(t.ttftMs()),
                    num(t.outputTokPerSec()), t.costUsd() == null ? "no catalog price" : String.format(Locale.ROOT, "$%.5f", t.costUsd()));
        } else {
            MetricsSnapshot m = result != null ? result.metrics() : metrics;
            totals.merge(route, new Totals(0, 0, 0, 0, 0).plus(m.promptTokens(), m.genTokens(), 0, m.elapsedMs()),
                    (a, b) -> a.plus((int) b.inputTokens(), (int) b.outputTokens(), 0, b.latencyMs()));
            figures = String.format(Locale.ROOT, "%d in / %d out tokens · first token %s · %s tok/s · no API cost",
                    m.promptTokens(), m.genTokens(), ms(m.ttftMs()), num(m.bestDecodeTokPerSec()));
        }
        turnText.set(route + reasons + "\n" + figures);
        totalsText.set(totals.entrySet().stream().map(e -> String.format(Locale.ROOT,
                "%s: %d turns, %,d in / %,d out tokens, $%.4f, %.1f s", e.getKey(), e.getValue().turns(),
                e.getValue().inputTokens(), e.getValue().outputTokens(), e.getValue().costUsd(),
                e.getValue().latencyMs() / 1000)).collect(Collectors.joining("\n")));
    }

    private static String ms(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String num(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
}
