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
import dev.breakeven.core.chat.store.RouteTotals;
import dev.breakeven.core.chat.store.TurnRoute;
import dev.breakeven.core.cost.PriceCatalog;
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
    private final Map<String, RouteTotals> totals = new LinkedHashMap<>();
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

    public Map<String, RouteTotals> totals() {
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
            fx.execute(() -> finish(done, failed, chosen, metrics.snapshot()));
        });
    }

    /** The turn's route, reasons and figures, as the Chat page shows and saves them ({@link TurnRoute}). */
    private void finish(GenerationResult result, String failure, ChatEngine engine, MetricsSnapshot metrics) {
        running.set(false);
        if (result != null) {
            history.add(ChatMessage.assistant(result.text()));
        }
        if (failure != null) {
            error.set(failure);
            transcript.set(transcript.get() + "\n[" + failure + "]");
        }
        TurnRoute route = TurnRoute.of(engine, result != null ? result.metrics() : metrics, failure);
        RouteTotals one = new RouteTotals(route.route(), 1, route.inputTokens(), route.outputTokens(),
                route.costUsd() == null ? 0 : route.costUsd(), route.latencyMs());
        totals.merge(route.route(), one, RouteTotals::plus);
        turnText.set(route.headline() + "\n" + route.figures());
        totalsText.set(totals.values().stream().map(RouteTotals::describe).collect(Collectors.joining("\n")));
    }
}
