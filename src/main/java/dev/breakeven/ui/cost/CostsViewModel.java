package dev.breakeven.ui.cost;

import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.ChartSet;
import dev.breakeven.core.cost.CostBands;
import dev.breakeven.core.cost.CostCharts;
import dev.breakeven.core.cost.CostInput;
import dev.breakeven.core.cost.CostMetric;
import dev.breakeven.core.cost.CostResult;
import dev.breakeven.core.cost.FieldProblem;
import dev.breakeven.core.cost.InputValidator;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Range;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.RangeText;
import dev.breakeven.core.cost.Scenario;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Costs page's state: one text per input (so a half-typed value stays as typed), an error per input,
 * the chosen API models, and the computed charts and headline figures. Recomputes synchronously on every change:
 * a full recompute takes well under a frame (see CostRecomputeBenchmark), so no background task is needed.
 */
public final class CostsViewModel {
    private final Map<CostInput, StringProperty> texts = new EnumMap<>(CostInput.class);
    private final Map<CostInput, ReadOnlyStringWrapper> errors = new EnumMap<>(CostInput.class);
    private final ObjectProperty<PriceCatalog> catalog;
    private Scenario.Comparison comparison;
    private final ObjectProperty<ApiPrice> apiModel = new SimpleObjectProperty<>();
    private final ObservableList<ApiPrice> compareModels = FXCollections.observableArrayList();
    private final StringProperty scenarioName = new SimpleStringProperty("My scenario");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty rigLabel = new SimpleStringProperty("");
    private final ObjectProperty<Scenario.Served> served = new SimpleObjectProperty<>();
    private final StringProperty region = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ChartSet> charts = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper payback = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper apiMonthly = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper localMonthly = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper capacity = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper staleness = new ReadOnlyStringWrapper("");
    private final LocalDate today;
    private boolean batching;

    public CostsViewModel(PriceCatalog catalog, LocalDate today) {
        this.catalog = new SimpleObjectProperty<>(catalog);
        this.today = today;
        for (CostInput key : CostInput.values()) {
            StringProperty text = new SimpleStringProperty("");
            text.addListener((obs, old, now) -> recompute());
            texts.put(key, text);
            errors.put(key, new ReadOnlyStringWrapper(null));
        }
        apiModel.addListener((obs, old, now) -> applyModelPrices(now));
        compareModels.addListener((javafx.collections.ListChangeListener<ApiPrice>) c -> recompute());
        this.catalog.addListener((obs, old, now) -> updateStaleness());
        updateStaleness();
    }

    public StringProperty text(CostInput key) {
        return texts.get(key);
    }

    public ReadOnlyStringProperty error(CostInput key) {
        return errors.get(key).getReadOnlyProperty();
    }

    public ObjectProperty<PriceCatalog> catalogProperty() {
        return catalog;
    }

    /**
     * Shows every catalog saved to the app's price book from now on (a price update on the Hybrid page, an import):
     * the pickers list it, and the chosen API model's changed prices fill the fields again.
     */
    public void follow(dev.breakeven.core.cost.PriceBook book, dev.breakeven.ui.common.TaskExecutor tasks) {
        book.subscribe(saved -> tasks.onUi(() -> useCatalog(saved)));
    }

    private void useCatalog(PriceCatalog next) {
        if (next.equals(catalog.get())) {
            return; // this page's own save coming back
        }
        catalog.set(next);
        ApiPrice chosen = apiModel.get();
        if (chosen != null) {
            next.find(chosen.id()).filter(p -> !p.equals(chosen)).ifPresent(apiModel::set);
        }
    }

    public ObjectProperty<ApiPrice> apiModelProperty() {
        return apiModel;
    }

    public ObservableList<ApiPrice> compareModels() {
        return compareModels;
    }

    public StringProperty scenarioNameProperty() {
        return scenarioName;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty rigLabelProperty() {
        return rigLabel;
    }

    /** What the throughput was planned for (model, quant, card, users at once); null when it was typed. */
    public ObjectProperty<Scenario.Served> servedProperty() {
        return served;
    }

    public ReadOnlyObjectProperty<ChartSet> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paybackProperty() {
        return payback.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty apiMonthlyProperty() {
        return apiMonthly.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty localMonthlyProperty() {
        return localMonthly.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty capacityProperty() {
        return capacity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stalenessProperty() {
        return staleness.getReadOnlyProperty();
    }

    /** The GPU comparison the loaded scenario carried (Compare page), kept so saving and the report keep it. */
    public Scenario.Comparison comparison() {
        return comparison;
    }

    /**
     * Writes the typed API prices into the chosen model's catalog entry, dated today, so the picker, other
     * scenarios and the staleness check see them. Returns what happened, for the status line.
     */
    public String updateCatalogPrices() {
        ApiPrice model = apiModel.get();
        if (model == null) {
            return "Pick an API model first.";
        }
        double[] prices = new double[3];
        CostInput[] keys = {CostInput.API_INPUT_PRICE, CostInput.API_OUTPUT_PRICE, CostInput.API_CACHED_PRICE};
        for (int i = 0; i < keys.length; i++) {
            if (!(RangeText.parse(texts.get(keys[i]).get()) instanceof RangeText.Value v) || !v.range().isPoint()
                    || InputValidator.check(keys[i], v.range()) != null) {
                return "The catalog takes one price per field; fix " + keys[i].label() + " first.";
            }
            prices[i] = v.range().mid();
        }
        ApiPrice edited = model.withPrices(prices[0], prices[1], prices[2], today, "edited in Breakeven on " + today);
        boolean outer = batching;
        batching = true;
        try {
            catalog.set(catalog.get().replacing(edited));
            apiModel.set(edited);
            compareModels.replaceAll(p -> p.id().equals(edited.id()) ? edited : p);
        } finally {
            batching = outer;
        }
        recompute();
        return "Catalog prices of " + edited.name() + " set, dated " + today + ".";
    }

    /** Puts a scenario's every input into the form, recomputing once at the end. */
    public void load(Scenario scenario) {
        batching = true;
        try {
            comparison = scenario.comparison();
            scenarioName.set(scenario.name() == null ? "Scenario" : scenario.name());
            description.set(scenario.description() == null ? "" : scenario.description());
            rigLabel.set(scenario.rig() == null || scenario.rig().label() == null ? "" : scenario.rig().label());
            region.set(scenario.rig() == null || scenario.rig().electricityRegion() == null ? ""
                    : scenario.rig().electricityRegion());
            RangeInputs inputs = scenario.toInputs(catalog.get());
            String modelId = scenario.api() == null ? null : scenario.api().modelId();
            apiModel.set(modelId == null ? null : catalog.get().find(modelId).orElse(null));
            for (CostInput key : CostInput.values()) {
                texts.get(key).set(RangeText.format(inputs.get(key)));
            }
            List<String> compare = scenario.api() == null || scenario.api().compareModelIds() == null ? List.of()
                    : scenario.api().compareModelIds();
            compareModels.setAll(compare.stream().flatMap(id -> catalog.get().find(id).stream()).toList());
            served.set(scenario.rig() == null ? null : scenario.rig().served());
        } finally {
            batching = false;
        }
        recompute();
    }

    /** The form as a scenario file (throws when a field does not parse, so nothing half-typed is saved). */
    public Scenario toScenario() {
        RangeInputs inputs = parsedInputs();
        if (inputs == null) {
            throw new IllegalStateException("fix the fields marked in red before saving");
        }
        return Scenario.fromInputs(scenarioName.get(), description.get(), inputs,
                apiModel.get() == null ? null : apiModel.get().id(),
                compareModels.stream().map(ApiPrice::id).toList(), rigLabel.get(), region.get())
                .withComparison(comparison).withServed(served.get());
    }

    /** The inputs as typed, or null when some field does not parse or fails validation. */
    public RangeInputs parsedInputs() {
        Map<CostInput, Range> ranges = new EnumMap<>(CostInput.class);
        boolean ok = true;
        for (CostInput key : CostInput.values()) {
            switch (RangeText.parse(texts.get(key).get())) {
                case RangeText.Value v -> ranges.put(key, v.range());
                case RangeText.Blank b -> { }
                case RangeText.Invalid i -> ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        RangeInputs inputs = RangeInputs.of(ranges);
        return InputValidator.validate(inputs).isEmpty() ? inputs : null;
    }

    void recompute() {
        if (batching) {
            return;
        }
        Map<CostInput, Range> ranges = new EnumMap<>(CostInput.class);
        Map<CostInput, String> problems = new EnumMap<>(CostInput.class);
        for (CostInput key : CostInput.values()) {
            switch (RangeText.parse(texts.get(key).get())) {
                case RangeText.Value v -> ranges.put(key, v.range());
                case RangeText.Blank b -> { }
                case RangeText.Invalid i -> problems.put(key, i.message());
            }
        }
        RangeInputs inputs = RangeInputs.of(ranges);
        for (FieldProblem p : InputValidator.validate(inputs)) {
            problems.putIfAbsent(p.input(), p.message());
        }
        for (CostInput key : CostInput.values()) {
            errors.get(key).set(problems.get(key));
        }
        if (!problems.isEmpty()) {
            status.set(problems.size() == 1 ? "1 field needs fixing; the charts show the last valid inputs."
                    : problems.size() + " fields need fixing; the charts show the last valid inputs.");
            return;
        }
        status.set("");
        ChartSet set = CostCharts.compute(inputs, List.copyOf(compareModels));
        publish(set.bands());
        charts.set(set);
    }

    private void publish(CostBands bands) {
        CostResult r = bands.central();
        payback.set(Fmt.monthsBand(bands.band(CostMetric.PAYBACK_MONTHS)));
        apiMonthly.set(Fmt.usdBand(bands.band(CostMetric.API_MONTHLY)));
        localMonthly.set(Fmt.usdBand(bands.band(CostMetric.LOCAL_MONTHLY)));
        if (r.capacityTokensPerDay() == null) {
            capacity.set("Capacity unknown: give a throughput (tok/s) to check the rig keeps up.");
        } else if (r.rigsNeeded() == null) {
            capacity.set("With 0 load hours no number of rigs serves this workload.");
        } else if (r.keepsUp()) {
            capacity.set("One rig keeps up: " + Fmt.tokens(r.capacityTokensPerDay()) + " output tokens/day of capacity.");
        } else {
            capacity.set("One rig does not keep up (" + Fmt.tokens(r.capacityTokensPerDay())
                    + " output tokens/day each): it takes " + r.rigsNeeded() + " rigs, all costed.");
        }
    }

    private void applyModelPrices(ApiPrice model) {
        if (model == null) {
            return;
        }
        boolean outer = batching;
        batching = true;
        try {
            texts.get(CostInput.API_INPUT_PRICE).set(RangeText.format(model.inputUsdPerMtok()));
            texts.get(CostInput.API_OUTPUT_PRICE).set(RangeText.format(model.outputUsdPerMtok()));
            texts.get(CostInput.API_CACHED_PRICE).set(RangeText.format(model.effectiveCachedUsdPerMtok()));
        } finally {
            batching = outer;
        }
        recompute();
    }

    private void updateStaleness() {
        staleness.set(catalog.get().stalenessWarning(today).orElse(""));
    }
}
