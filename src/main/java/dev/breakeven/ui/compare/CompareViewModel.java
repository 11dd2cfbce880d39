package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.Comparison;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ScenarioComparisons;
import dev.breakeven.core.compare.ValueScatter;
import dev.breakeven.core.compare.ComparisonRows;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostReport;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeInputs;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuSpec;
import dev.breakeven.core.models.Quant;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * State of the Compare page: up to four options, the model and the workload, and the comparison computed from
 * them off the FX thread (a newer request makes an older result stale).
 */
public final class CompareViewModel {
    public static final int SLOTS = 4;
    static final List<Integer> CONTEXTS = List.of(2048, 4096, 8192, 16384, 32768, 65536, 131072);

    /** An entry of the option pickers: a catalog card, or this machine (card null). */
    public record Choice(String label, GpuSpec card) {
        static final Choice THIS_MACHINE = new Choice("This machine", null);

        @Override
        public String toString() {
            return label;
        }
    }

    /** One option slot: which card, how many, and the price the user typed (blank: default). */
    public static final class Slot {
        final ObjectProperty<Choice> choice = new SimpleObjectProperty<>();
        final IntegerProperty count = new SimpleIntegerProperty(1);
        final StringProperty price = new SimpleStringProperty("");

        public ObjectProperty<Choice> choiceProperty() {
            return choice;
        }

        public IntegerProperty countProperty() {
            return count;
        }

        public StringProperty priceProperty() {
            return price;
        }
    }

    /** What a finished computation shows. */
    public record Result(Comparison comparison, double[] apiCumulativeUsd, List<ValueScatter.Point> scatter,
                         List<String> chosenIds) {
    }

    private final GpuComparison engine = GpuComparison.standard();
    private final PriceCatalog prices = PriceCatalog.bundled();
    private final Executor background;
    private final Supplier<HardwareProfile> detector;
    private volatile HardwareProfile profile;
    private boolean detecting;

    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final List<Slot> slots = new ArrayList<>();
    private final ObjectProperty<CatalogModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<Quant> quant = new SimpleObjectProperty<>(this, "quant");
    private final ObjectProperty<Integer> context = new SimpleObjectProperty<>(this, "context", 8192);
    private final ObjectProperty<ApiPrice> api = new SimpleObjectProperty<>(this, "api");
    private final StringProperty tokensInPerDay = new SimpleStringProperty(this, "tokensIn", "2000000");
    private final StringProperty tokensOutPerDay = new SimpleStringProperty(this, "tokensOut", "1000000");
    private final StringProperty hoursPerDay = new SimpleStringProperty(this, "hours", "8");
    private final StringProperty kwhUsd = new SimpleStringProperty(this, "kwh", "0.17");
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private long generation;
    private boolean loading;

    public CompareViewModel(Executor background, Supplier<HardwareProfile> detector) {
        this.background = background;
        this.detector = detector;
        choices.add(Choice.THIS_MACHINE);
        engine.gpus().all().stream().sorted(Comparator.comparing(GpuSpec::name))
                .forEach(g -> choices.add(new Choice(g.name(), g)));
        for (int i = 0; i < SLOTS; i++) {
            Slot s = new Slot();
            slots.add(s);
            List.<ObservableValue<?>>of(s.choice, s.count, s.price).forEach(p -> p.addListener((o, a, b) -> recompute()));
        }
        slots.get(0).choice.set(choice("rtx-3090"));
        slots.get(1).choice.set(choice("rtx-5090"));
        model.set(engine.models().find("qwen3-32b").orElse(engine.models().models().getFirst()));
        quant.set(engine.quants().find("Q4_K_M").orElseThrow());
        api.set(prices.find("anthropic/claude-haiku-4-5").orElse(prices.prices().getFirst()));
        List.<ObservableValue<?>>of(model, quant, context, api, tokensInPerDay, tokensOutPerDay, hoursPerDay, kwhUsd)
                .forEach(p -> p.addListener((o, a, b) -> recompute()));
    }

    Choice choice(String gpuId) {
        return choices.stream().filter(c -> c.card() != null && c.card().id().equals(gpuId)).findFirst().orElseThrow();
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public List<Slot> slots() {
        return slots;
    }

    public List<CatalogModel> models() {
        return engine.models().models();
    }

    public List<Quant> quants() {
        return engine.quants().quants();
    }

    public List<ApiPrice> apis() {
        return prices.prices();
    }

    public ObjectProperty<CatalogModel> modelProperty() {
        return model;
    }

    public ObjectProperty<Quant> quantProperty() {
        return quant;
    }

    public ObjectProperty<Integer> contextProperty() {
        return context;
    }

    public ObjectProperty<ApiPrice> apiProperty() {
        return api;
    }

    public StringProperty tokensInPerDayProperty() {
        return tokensInPerDay;
    }

    public StringProperty tokensOutPerDayProperty() {
        return tokensOutPerDay;
    }

    public StringProperty hoursPerDayProperty() {
        return hoursPerDay;
    }

    public StringProperty kwhUsdProperty() {
        return kwhUsd;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The options and request the form describes; throws IllegalArgumentException with a sentence when it cannot. */
    CompareRequest request() {
        PointInputs p = PointInputs.blank()
                .with(INPUT_TOKENS_PER_DAY, number(tokensInPerDay.get(), "Input tokens per day", 1e12))
                .with(OUTPUT_TOKENS_PER_DAY, number(tokensOutPerDay.get(), "Output tokens per day", 1e12))
                .with(LOAD_HOURS, number(hoursPerDay.get(), "Hours per day", 24))
                .with(KWH_USD, number(kwhUsd.get(), "Electricity price", 5))
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH)
                .with(AMORTIZE_MONTHS, Scenario.DEFAULT_AMORTIZE_MONTHS);
        ApiPrice a = api.get();
        if (a == null || model.get() == null || quant.get() == null || context.get() == null) {
            throw new IllegalArgumentException("Pick a model, a quant, a context and an API.");
        }
        return new CompareRequest(model.get(), quant.get(), context.get(), a.applyTo(p), a.name());
    }

    List<CompareOption> options() {
        List<CompareOption> options = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots.get(i);
            Choice c = s.choice.get();
            if (c == null) {
                continue;
            }
            String text = s.price.get() == null ? "" : s.price.get().strip();
            Double price = text.isEmpty() ? null : number(text, "Price of option " + (i + 1), 10_000_000);
            if (c.card() == null) {
                if (profile == null) {
                    throw new NeedsDetection();
                }
                options.add(new CompareOption.ThisMachine(profile, price));
            } else {
                if (s.count.get() > 1 && c.card().unifiedMemory()) {
                    throw new IllegalArgumentException(c.label() + " is a unified-memory chip; it cannot be doubled up.");
                }
                options.add(new CompareOption.Cards(c.card(), s.count.get(), price));
            }
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("Pick at least one option.");
        }
        return options;
    }

    private static final class NeedsDetection extends RuntimeException {
        NeedsDetection() {
            super("Detecting this machine…", null, false, false);
        }
    }

    private static double number(String text, String label, double max) {
        try {
            double v = Double.parseDouble(text.strip().replace(",", "").replace("_", ""));
            if (!(v >= 0) || v > max) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between 0 and %,.0f.", label, max));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " is not a number: '" + text + "'.");
        }
    }

    /** Recomputes the comparison in the background from the current form. */
    public void recompute() {
        if (loading) {
            return;
        }
        long mine = ++generation;
        List<CompareOption> options;
        CompareRequest request;
        try {
            options = options();
            request = request();
        } catch (NeedsDetection e) {
            problem.set(e.getMessage());
            detect();
            return;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() {
                Comparison c = engine.compare(options, request);
                List<String> ids = options.stream().map(o -> o instanceof CompareOption.Cards k ? k.card().id() : "")
                        .toList();
                return new Result(c, engine.apiCumulativeUsd(request), ValueScatter.points(engine, request), ids);
            }
        };
        task.setOnSucceeded(e -> {
            if (mine == generation) {
                problem.set("");
                result.set(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (mine == generation) {
                problem.set("Comparison failed: " + task.getException().getMessage());
            }
        });
        background.execute(task);
    }

    private void detect() {
        if (detecting) {
            return;
        }
        detecting = true;
        Task<HardwareProfile> task = new Task<>() {
            @Override
            protected HardwareProfile call() {
                return detector.get();
            }
        };
        task.setOnSucceeded(e -> {
            profile = task.getValue();
            detecting = false;
            recompute();
        });
        task.setOnFailed(e -> {
            detecting = false;
            problem.set("Could not detect this machine: " + task.getException().getMessage());
        });
        background.execute(task);
    }

    /** Writes the workload, API and the comparison as a scenario file the Costs page also opens. */
    public void save(Path file, String name) throws IOException {
        ScenarioIo.save(toScenario(name), file);
    }

    /**
     * The form as a scenario: workload, API, the comparison, and the first option as the rig the Costs page shows.
     * Throws IllegalArgumentException with a sentence when a field does not parse.
     */
    public Scenario toScenario(String name) {
        CompareRequest request = request();
        List<CompareOption> options = options();
        PointInputs p = request.costInputs();
        String rig = null;
        Result shown = result.get();
        if (shown != null && !shown.comparison().options().isEmpty()) {
            var first = shown.comparison().options().getFirst();
            rig = first.label();
            p = p.with(HARDWARE_USD, first.priceUsd() == null ? 0 : first.priceUsd())
                    .with(WATTS_LOAD, first.watts() == null ? 0 : first.watts())
                    .with(TOK_PER_SEC, first.runs() ? first.decodeTokPerSec() : Double.NaN);
        }
        return Scenario.fromInputs(name, "GPU comparison from the Compare page", RangeInputs.points(p),
                api.get().id(), List.of(api.get().id()), rig, null)
                .withComparison(ScenarioComparisons.section(options, request));
    }

    /** The cost report of {@link #toScenario} with the comparison table; null until a comparison is shown. */
    public String reportHtml(String name) {
        Result shown = result.get();
        if (shown == null) {
            return null;
        }
        Scenario s = toScenario(name);
        RangeInputs inputs = s.toInputs(prices);
        return CostReport.html(name, s.description(), inputs, RangeEvaluator.evaluate(inputs),
                prices.stalenessWarning(LocalDate.now()).orElse(null), List.of(), List.of(),
                ComparisonRows.table(shown.comparison()));
    }

    /** Reads a scenario with a comparison section into the form. */
    public void load(Path file) throws ScenarioException {
        Scenario s = ScenarioIo.load(file);
        if (s.comparison() == null) {
            throw new ScenarioException("this scenario has no GPU comparison to open");
        }
        ScenarioComparisons.Restored r;
        try {
            r = ScenarioComparisons.restore(s, prices, engine, () -> profile != null ? profile : detector.get());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
        loading = true;
        try {
            for (int i = 0; i < SLOTS; i++) {
                Slot slot = slots.get(i);
                CompareOption o = i < r.options().size() ? r.options().get(i) : null;
                slot.choice.set(switch (o) {
                    case null -> null;
                    case CompareOption.Cards c -> choice(c.card().id());
                    case CompareOption.ThisMachine m -> {
                        profile = m.profile();
                        yield Choice.THIS_MACHINE;
                    }
                });
                slot.count.set(o instanceof CompareOption.Cards c ? c.count() : 1);
                slot.price.set(o == null || o.priceUsd() == null ? "" : String.format(Locale.ROOT, "%.0f", o.priceUsd()));
            }
            CompareRequest q = r.request();
            model.set(q.model());
            quant.set(q.quant());
            context.set(q.contextLength());
            String apiId = s.api() == null ? null : s.api().modelId();
            if (apiId != null) {
                prices.find(apiId).ifPresent(api::set);
            }
            PointInputs p = q.costInputs();
            tokensInPerDay.set(plain(p.get(INPUT_TOKENS_PER_DAY)));
            tokensOutPerDay.set(plain(p.get(OUTPUT_TOKENS_PER_DAY)));
            hoursPerDay.set(plain(p.get(LOAD_HOURS)));
            kwhUsd.set(plain(p.get(KWH_USD)));
        } finally {
            loading = false;
        }
        recompute();
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
