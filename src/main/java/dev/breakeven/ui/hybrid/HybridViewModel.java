package dev.breakeven.ui.hybrid;

import dev.breakeven.core.cost.ChartSet;
import dev.breakeven.core.cost.CostCharts;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.ScenarioPresets;
import dev.breakeven.core.router.PromptSample;
import dev.breakeven.core.router.RouteDecision;
import dev.breakeven.core.router.RouteReason;
import dev.breakeven.core.router.RouteRequest;
import dev.breakeven.core.router.Router;
import dev.breakeven.core.router.RoutingRules;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.core.router.RoutingSimulation;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.breakeven.ui.common.TaskExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The Hybrid page's state: the rules being edited (text fields validated inline, the last valid rules kept),
 * one prompt routed live, and a sample of prompts routed and priced in the background.
 */
public final class HybridViewModel {
    /** The workload the mix is priced at until the person picks another: the consultancy demo case. */
    static final String DEFAULT_PRESET = "consultancy-team-20";

    public record PresetChoice(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What the background work found for the sample: the routing, its price, and the cost-by-share curve. */
    public record SampleOutcome(RoutingSimulation.Result result, RoutingSimulation.MixCost cost,
                                ChartSet.HybridChart curve) {
    }

    private final RoutingRulesStore store;
    private final TaskExecutor tasks;
    private final java.util.function.Supplier<PriceCatalog> prices;

    private final StringProperty maxTokensText = new SimpleStringProperty();
    private final ReadOnlyStringWrapper maxTokensError = new ReadOnlyStringWrapper("");
    private final StringProperty maxTurnsText = new SimpleStringProperty();
    private final ReadOnlyStringWrapper maxTurnsError = new ReadOnlyStringWrapper("");
    private final BooleanProperty codeBlocksToApi = new SimpleBooleanProperty();
    private final ObservableList<String> phrases = FXCollections.observableArrayList();
    private final StringProperty newPhrase = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<RoutingRules> rules = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper rulesStatus = new ReadOnlyStringWrapper("");

    private final StringProperty tryPrompt = new SimpleStringProperty("");
    private final IntegerProperty tryTurns = new SimpleIntegerProperty(0);
    private final ObservableValue<RouteDecision> decision;
    private final ObservableValue<String> decisionLabel;
    private final ObservableValue<String> decisionReasons;

    private final StringProperty sampleText = new SimpleStringProperty("");
    private final ObservableList<PresetChoice> presets = FXCollections.observableArrayList();
    private final ObjectProperty<PresetChoice> preset = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<SampleOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sampleError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shareText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costText = new ReadOnlyStringWrapper("");
    private long generation;

    public HybridViewModel(RoutingRulesStore store, Executor background) {
        this(store, TaskExecutor.fx(background), PriceCatalog::bundled);
    }

    /** @param prices the app's API prices (the price book's current catalog), for the sample's cost */
    public HybridViewModel(RoutingRulesStore store, TaskExecutor tasks, java.util.function.Supplier<PriceCatalog> prices) {
        this.store = store;
        this.tasks = tasks;
        this.prices = prices;
        RoutingRulesStore.Loaded loaded = store.load();
        loaded.note().ifPresent(rulesStatus::set);
        show(loaded.rules());

        maxTokensText.addListener((o, a, b) -> rebuildRules());
        maxTurnsText.addListener((o, a, b) -> rebuildRules());
        codeBlocksToApi.addListener((o, a, b) -> rebuildRules());
        phrases.addListener((javafx.collections.ListChangeListener<String>) c -> rebuildRules());

        ObservableValue<Router> router = rules.map(Router::new);
        decision = Bindings.createObjectBinding(
                () -> router.getValue().route(new RouteRequest(tryPrompt.get(), tryTurns.get(), null)),
                router, tryPrompt, tryTurns);
        decisionLabel = decision.map(RouteDecision::label);
        decisionReasons = decision.map(HybridViewModel::reasonsText);

        for (String id : ScenarioPresets.IDS) {
            presets.add(new PresetChoice(id, ScenarioPresets.load(id).name()));
        }
        preset.set(presets.stream().filter(p -> p.id().equals(DEFAULT_PRESET)).findFirst().orElse(presets.getFirst()));

        rules.addListener((o, a, b) -> simulate());
        sampleText.addListener((o, a, b) -> simulate());
        preset.addListener((o, a, b) -> simulate());
        simulate();
    }

    // ---- rules -------------------------------------------------------------------------------------------------

    public StringProperty maxTokensTextProperty() {
        return maxTokensText;
    }

    public ReadOnlyStringProperty maxTokensErrorProperty() {
        return maxTokensError.getReadOnlyProperty();
    }

    public StringProperty maxTurnsTextProperty() {
        return maxTurnsText;
    }

    public ReadOnlyStringProperty maxTurnsErrorProperty() {
        return maxTurnsError.getReadOnlyProperty();
    }

    public BooleanProperty codeBlocksToApiProperty() {
        return codeBlocksToApi;
    }

    public ObservableList<String> phrases() {
        return phrases;
    }

    public StringProperty newPhraseProperty() {
        return newPhrase;
    }

    /** The last valid rules: a bad field leaves routing on these until it is fixed. */
    public ReadOnlyObjectProperty<RoutingRules> rulesProperty() {
        return rules.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rulesStatusProperty() {
        return rulesStatus.getReadOnlyProperty();
    }

    /** Adds the typed phrase unless it is blank or already listed (in any case). */
    public void addPhrase() {
        String p = newPhrase.get() == null ? "" : newPhrase.get().strip().replaceAll("\\s+", " ");
        if (p.isEmpty()) {
            return;
        }
        boolean listed = phrases.stream().anyMatch(x -> x.equalsIgnoreCase(p));
        if (!listed) {
            phrases.add(p);
        }
        newPhrase.set("");
    }

    public void removePhrase(String phrase) {
        phrases.remove(phrase);
    }

    public void save() {
        RoutingRules current = rules.get();
        try {
            store.save(current);
            rulesStatus.set("Saved to " + store.file());
        } catch (IOException e) {
            rulesStatus.set("Could not save the rules: " + e.getMessage());
        }
    }

    public void resetToDefaults() {
        show(RoutingRules.defaults());
        rulesStatus.set("Defaults restored (not saved yet)");
    }

    private void show(RoutingRules r) {
        rules.set(r);
        maxTokensText.set(Integer.toString(r.maxLocalPromptTokens()));
        maxTurnsText.set(Integer.toString(r.maxLocalTurns()));
        codeBlocksToApi.set(r.codeBlocksToApi());
        phrases.setAll(r.hardPhrases());
        rebuildRules();
    }

    private void rebuildRules() {
        Integer tokens = wholeNumber(maxTokensText.get(), RoutingRules.MAX_TOKEN_LIMIT, maxTokensError);
        Integer turns = wholeNumber(maxTurnsText.get(), RoutingRules.MAX_TURN_LIMIT, maxTurnsError);
        if (tokens != null && turns != null) {
            RoutingRules next = new RoutingRules(tokens, List.copyOf(phrases), codeBlocksToApi.get(), turns);
            if (!next.equals(rules.get())) {
                rules.set(next);
            }
        }
    }

    /** A whole number from 0 to max, or null with the reason put in the error property. */
    static Integer wholeNumber(String text, int max, ReadOnlyStringWrapper error) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        if (t.isEmpty()) {
            error.set("Enter a whole number (0 turns the rule off)");
            return null;
        }
        try {
            long v = Long.parseLong(t);
            if (v < 0 || v > max) {
                error.set(String.format(Locale.ROOT, "Between 0 (off) and %,d", max));
                return null;
            }
            error.set("");
            return (int) v;
        } catch (NumberFormatException e) {
            error.set("Not a whole number");
            return null;
        }
    }

    // ---- try a prompt ------------------------------------------------------------------------------------------

    public StringProperty tryPromptProperty() {
        return tryPrompt;
    }

    public IntegerProperty tryTurnsProperty() {
        return tryTurns;
    }

    public ObservableValue<RouteDecision> decision() {
        return decision;
    }

    /** "API" or "Local". */
    public ObservableValue<String> decisionLabel() {
        return decisionLabel;
    }

    /** One line per rule finding, the fired ones for the API, every check for local. */
    public ObservableValue<String> decisionReasons() {
        return decisionReasons;
    }

    private static String reasonsText(RouteDecision d) {
        if (d.reasons().isEmpty()) {
            return "No rule is switched on, so everything stays local.";
        }
        return d.reasons().stream().map(RouteReason::text).map(s -> "• " + s).collect(Collectors.joining("\n"));
    }

    // ---- sample ------------------------------------------------------------------------------------------------

    public StringProperty sampleTextProperty() {
        return sampleText;
    }

    public ObservableList<PresetChoice> presets() {
        return presets;
    }

    public ObjectProperty<PresetChoice> presetProperty() {
        return preset;
    }

    public ReadOnlyObjectProperty<SampleOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sampleErrorProperty() {
        return sampleError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shareTextProperty() {
        return shareText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costTextProperty() {
        return costText.getReadOnlyProperty();
    }

    /** Reads a prompts file in the background and puts it in the sample box; a bad file leaves the box as it was. */
    public void loadSample(Path file) {
        tasks.run(() -> {
            List<RouteRequest> parsed = PromptSample.read(file);
            // The box shows the file as text; re-reading the file keeps JSON lines as they were written.
            return parsed.isEmpty() ? "" : java.nio.file.Files.readString(file).replace("\uFEFF", "");
        }, sampleText::set, e -> sampleError.set(message(e)));
    }

    /** Routes and prices the sample off the FX thread; a newer request makes older results moot. */
    private void simulate() {
        long mine = ++generation;
        RoutingRules r = rules.get();
        String text = sampleText.get();
        PresetChoice workload = preset.get();
        tasks.run(() -> {
            List<RouteRequest> requests = PromptSample.parse(text == null ? "" : text);
            RoutingSimulation.Result result = RoutingSimulation.run(new Router(r), requests);
            ChartSet charts = CostCharts.compute(ScenarioPresets.load(workload.id()).toInputs(prices.get()), List.of());
            RoutingSimulation.MixCost cost = RoutingSimulation.cost(result, charts.bands().centralInputs());
            return new SampleOutcome(result, cost, charts.hybrid());
        }, done -> {
            if (mine == generation) {
                showOutcome(done);
            }
        }, e -> {
            if (mine == generation) {
                sampleError.set(message(e));
                outcome.set(null);
                shareText.set("");
                costText.set("");
            }
        });
    }

    private void showOutcome(SampleOutcome o) {
        sampleError.set("");
        outcome.set(o);
        RoutingSimulation.Result r = o.result();
        if (r.requests() == 0) {
            shareText.set("Paste prompts above, one per line, or load a file.");
            costText.set("");
            return;
        }
        shareText.set(String.format(Locale.ROOT,
                "To the API: %d of %d requests (%.0f%%), %,d of %,d prompt tokens (%.0f%%)",
                r.apiRequests(), r.requests(), r.apiRequestShare() * 100, r.apiTokens(),
                r.apiTokens() + r.localTokens(), r.apiTokenShare() * 100));
        RoutingSimulation.MixCost c = o.cost();
        costText.set(String.format(Locale.ROOT,
                "Per month at this workload: all local $%,.0f · all API $%,.0f · mix at %.0f%% $%,.0f (cheapest: %s)",
                c.allLocalMonthlyUsd(), c.allApiMonthlyUsd(), c.apiShare() * 100, c.mixMonthlyUsd(), c.cheapest()));
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "Something went wrong";
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
