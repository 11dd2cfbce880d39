package dev.breakeven.ui.compare;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.Comparison;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ValueScatter;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioException;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.CatalogGpu;
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
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * State of the Compare page: up to four options, the model and the workload, and the comparison computed from
 * them off the FX thread (a newer request makes an older result stale). The slots, the workload form, the result
 * projection and scenario files live in their own classes; this one wires them and runs the background work.
 */
public final class CompareViewModel {
    public static final int SLOTS = 4;
    static final List<Integer> CONTEXTS = List.of(2048, 4096, 8192, 16384, 32768, 65536, 131072);
    static final List<Integer> CONCURRENCY = List.of(1, 2, 4, 8, 16, 32, 64);

    /** An entry of the option pickers: a catalog card, or this machine (card null). */
    public record Choice(String label, CatalogGpu card) {
        public static final Choice THIS_MACHINE = new Choice("This machine", null);

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
    private final PriceCatalog prices;
    private final CompareScenarios scenarios;
    private final TaskExecutor tasks;
    private final MachineDetection machine;
    private Runnable unfollow = () -> { };

    private final OptionSlots slots;
    private final WorkloadForm form = new WorkloadForm(this);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private long generation;
    private boolean loading;

    public CompareViewModel(Executor background, Supplier<HardwareProfile> detector) {
        this(TaskExecutor.fx(background), detector, PriceCatalog.bundled());
    }

    /** @param prices the API prices (the app's price book as the page opens) */
    public CompareViewModel(TaskExecutor tasks, Supplier<HardwareProfile> detector, PriceCatalog prices) {
        this.tasks = tasks;
        this.prices = prices;
        this.scenarios = new CompareScenarios(prices, engine);
        this.machine = new MachineDetection(tasks, detector);
        this.slots = new OptionSlots(engine);
        // Order matters: the slot defaults recompute against a form with no model or API yet, which only sets the
        // problem line, and the form listens only after its defaults, so no comparison starts before the page asks.
        slots.slots().forEach(s -> OptionSlots.observables(s).forEach(p -> p.addListener((o, a, b) -> recompute())));
        slots.selectDefaults();
        form.selectDefaults(engine, prices);
        form.observables().forEach(p -> p.addListener((o, a, b) -> recompute()));
    }

    /**
     * Follows the Hardware page's corrections: "This machine" is compared as the user corrected it, and a shown
     * comparison with it is worked out again at each correction.
     */
    public void follow(ThisMachine thisMachine) {
        unfollow.run();
        unfollow = thisMachine.subscribe(profile -> tasks.onUi(() -> {
            machine.restore(profile);
            if (slots.slots().stream().anyMatch(s -> s.choice.get() == Choice.THIS_MACHINE)) {
                recompute();
            }
        }));
    }

    /** Stops following the Hardware page (the page is gone). */
    public void unfollow() {
        unfollow.run();
    }

    Choice choice(String gpuId) {
        return slots.choice(gpuId);
    }

    public ObservableList<Choice> choices() {
        return slots.choices();
    }

    public List<Slot> slots() {
        return slots.slots();
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
        return form.model;
    }

    public ObjectProperty<Quant> quantProperty() {
        return form.quant;
    }

    public ObjectProperty<Integer> contextProperty() {
        return form.context;
    }

    /** llama.cpp's {@code -fa} for every option. */
    public ObjectProperty<dev.breakeven.core.fit.FlashAttention> flashAttentionProperty() {
        return form.flashAttention;
    }

    /** Users served at once: capacity and rigs use the aggregate decode of that many streams. */
    public ObjectProperty<Integer> concurrencyProperty() {
        return form.concurrency;
    }

    public ObjectProperty<ApiPrice> apiProperty() {
        return form.api;
    }

    public StringProperty tokensInPerDayProperty() {
        return form.tokensInPerDay;
    }

    public StringProperty tokensOutPerDayProperty() {
        return form.tokensOutPerDay;
    }

    public StringProperty hoursPerDayProperty() {
        return form.hoursPerDay;
    }

    public StringProperty kwhUsdProperty() {
        return form.kwhUsd;
    }

    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The options and request the form describes; throws IllegalArgumentException with a sentence when it cannot. */
    CompareRequest request() {
        return form.request();
    }

    List<CompareOption> options() {
        return slots.options(machine.profile());
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
        } catch (OptionSlots.NeedsDetection e) {
            problem.set(e.getMessage());
            machine.start(this::recompute, message -> problem.set("Could not detect this machine: " + message));
            return;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return;
        }
        tasks.run(() -> ComparisonResults.compute(engine, options, request), computed -> {
            if (mine == generation) {
                problem.set("");
                result.set(computed);
            }
        }, e -> {
            if (mine == generation) {
                problem.set("Comparison failed: " + e.getMessage());
            }
        });
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
        return scenarios.toScenario(name, request, options, result.get(), form.api.get());
    }

    /** The cost report of {@link #toScenario} with the comparison table; null until a comparison is shown. */
    public String reportHtml(String name) {
        Result shown = result.get();
        if (shown == null) {
            return null;
        }
        return scenarios.reportHtml(name, toScenario(name), shown);
    }

    /**
     * Reads a scenario with a comparison section into the form. Reading the file and restoring "This machine"
     * (which may detect the hardware) run in the background; {@code done} gets "Opened …" or "Not opened: …".
     */
    public void open(Path file, java.util.function.Consumer<String> done) {
        tasks.run(() -> scenarios.open(file, machine::profileOrDetectNow), opened -> {
            show(opened);
            done.accept("Opened " + file.getFileName());
        }, e -> done.accept("Not opened: " + e.getMessage()));
    }

    private void show(CompareScenarios.Opened opened) {
        loading = true;
        try {
            HardwareProfile restored = slots.show(opened.restored().options());
            if (restored != null) {
                machine.restore(restored);
            }
            form.show(opened.restored().request(), opened.apiId(), prices);
        } finally {
            loading = false;
        }
        recompute();
    }
}
