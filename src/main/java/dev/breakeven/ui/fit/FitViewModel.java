package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Recommendations;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.fit.ServingExport;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * State of the Fit page: which hardware, context and KV type, the matrix of plans for them, and the selected
 * cell. Plans are computed off the FX thread; a newer request makes an older result stale. The work itself is
 * elsewhere: {@link HardwareSelector} fills the hardware choices, {@link MatrixPlanner} plans the matrix and advises
 * on a cell, {@link ServingCommands} builds a selection's command lines.
 */
public final class FitViewModel {
    static final int MIN_CONTEXT_LOG2 = 11;
    static final int MAX_CONTEXT_LOG2 = 17;

    /** A hardware option of the selector: this machine, or a what-if card on this machine's host. */
    public record HardwareChoice(String label, HardwareTarget target) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One row of the matrix: a catalog model with its weights at each column's quant. */
    public record Row(String id, String label, ModelShape shape, List<ModelWeights> weights) {
    }

    /** The plans for the current inputs: {@code plans[row][column]}, null where a row has no such column. */
    public record Matrix(List<Row> rows, List<String> columns, FitPlan[][] plans, HardwareTarget target,
                         int contextLength, KvCacheType kvType, GgufModel file, FitPlan filePlan,
                         Optional<Recommendations.Choice> largest, Settings settings) {
        public Optional<FitPlan> plan(int row, int column) {
            if (row == FILE_ROW) {
                return Optional.ofNullable(filePlan);
            }
            return Optional.ofNullable(plans[row][column]);
        }

        public String label(Selection s) {
            return s.row() == FILE_ROW ? file.label() + " (file)" : rows.get(s.row()).label() + " · " + columns.get(s.column());
        }
    }

    /**
     * The engine and flash-attention setting the matrix was planned with, and whether flash attention runs.
     * A quantized KV cache needs flash attention; with it off the plan uses f16 and says so.
     */
    public record Settings(ServingEngine engine, FlashAttention flashAttention, boolean flashOn, KvCacheType kvType) {
        PlanRequest apply(PlanRequest base) {
            PlanRequest engineApplied = base.withEngine(engine, flashAttention);
            return engineApplied.flashAttention() ? engineApplied.withKvType(kvType) : engineApplied;
        }

        public boolean kvFellBack() {
            return !flashOn && kvType != KvCacheType.F16;
        }
    }

    /** A selected cell; row {@link #FILE_ROW} is the opened GGUF file. */
    public record Selection(int row, int column) {
    }

    /** Row index of the opened GGUF file in selections. */
    public static final int FILE_ROW = -1;

    /**
     * The serving commands for a selection: {@code llama-server} and {@code vllm serve}, as {@code fit --export}
     * prints them; {@code placeholder} when the model path in them is a name to replace (a catalog cell).
     */
    public record Commands(ServingExport llamaServer, ServingExport vllm, boolean placeholder) {
    }

    private final TaskExecutor tasks;
    private final Supplier<FitCatalogs> catalogs = FitCatalogs.lazily();
    private final HardwareSelector selector;

    private final ObservableList<HardwareChoice> hardwareChoices = FXCollections.observableArrayList();
    private final ObjectProperty<HardwareChoice> hardware = new SimpleObjectProperty<>(this, "hardware");
    private final IntegerProperty contextLog2 = new SimpleIntegerProperty(this, "contextLog2", 13);
    private final ObjectProperty<KvCacheType> kvType = new SimpleObjectProperty<>(this, "kvType", KvCacheType.F16);
    private final ObjectProperty<ServingEngine> engine = new SimpleObjectProperty<>(this, "engine", ServingEngine.RUNTIME);
    private final ObjectProperty<FlashAttention> flashAttention =
            new SimpleObjectProperty<>(this, "flashAttention", FlashAttention.AUTO);
    private final ReadOnlyObjectWrapper<Matrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ReadOnlyObjectWrapper<GgufModel> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Detecting this machine…");
    private final ObjectBinding<Optional<FitPlan>> selectedPlan;
    private long generation;

    public FitViewModel(Executor background) {
        this(TaskExecutor.fx(background));
    }

    /** Builds nothing slow: the catalogs load with the first plan, off the UI thread. */
    public FitViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        this.selector = new HardwareSelector(tasks, catalogs, hardwareChoices, hardware, status::set);
        hardware.addListener((o, a, b) -> recompute());
        contextLog2.addListener((o, a, b) -> recompute());
        kvType.addListener((o, a, b) -> recompute());
        // choosing an engine selects its default flash-attention setting, which the user may then change
        engine.addListener((o, a, b) -> {
            if (flashAttention.get() == b.defaultFlashAttention()) {
                recompute();
            } else {
                flashAttention.set(b.defaultFlashAttention());
            }
        });
        flashAttention.addListener((o, a, b) -> recompute());
        selectedPlan = Bindings.createObjectBinding(() -> {
            Matrix m = matrix.get();
            Selection s = selection.get();
            if (m == null || s == null || s.row() >= m.rows().size() || s.column() >= m.columns().size()
                    || (s.row() == FILE_ROW && m.filePlan() == null)) {
                return Optional.empty();
            }
            return m.plan(s.row(), s.column());
        }, matrix, selection);
    }

    /** Starts hardware detection in the background; the selector fills in when it returns. */
    public void detect(Supplier<HardwareProfile> detector) {
        selector.detect(detector);
    }

    /**
     * Plans for this machine as the Hardware page corrects it: detects now (in the background) and again re-plans
     * whenever a correction, a measurement or a new detection changes the profile.
     */
    public void follow(ThisMachine machine) {
        selector.follow(machine);
    }

    /** Stops following the machine's profile (the page is gone). */
    public void unfollow() {
        selector.unfollow();
    }

    /** Fills the hardware selector from a detected profile: this machine first, then every catalog card. */
    public void useProfile(HardwareProfile profile) {
        selector.useProfile(profile);
    }

    /** Reads a GGUF header in the background and plans that exact file alongside the matrix. */
    public void openFile(Path path) {
        tasks.run(() -> GgufModel.read(path), read -> {
            status.set("");
            file.set(read);
            selection.set(new Selection(FILE_ROW, 0));
            recompute();
        }, e -> status.set("Cannot plan that file: " + e.getMessage()));
    }

    private void recompute() {
        HardwareChoice choice = hardware.get();
        if (choice == null) {
            return;
        }
        long mine = ++generation;
        int ctx = contextLength();
        KvCacheType kv = kvType.get();
        ServingEngine chosenEngine = engine.get();
        FlashAttention fa = flashAttention.get();
        GgufModel opened = file.get();
        tasks.run(() -> {
                    MatrixPlanner planner = new MatrixPlanner(catalogs.get());
                    return planner.plan(planner.rows(), choice.target(), ctx,
                            MatrixPlanner.settings(chosenEngine, fa, kv, choice.target()), opened);
                },
                planned -> {
                    if (mine == generation) {
                        matrix.set(planned);
                    }
                }, e -> status.set("Planning failed: " + e.getMessage()));
    }

    /** See {@link MatrixPlanner#advice}: plans, so it belongs off the FX thread ({@link #advise}). */
    public String advice(Matrix matrix, Selection s) {
        return new MatrixPlanner(catalogs.get()).advice(matrix, s);
    }

    /**
     * The command lines for the selected plan, built by the same {@link ServingExport} as {@code fit --export}
     * (see {@link ServingCommands#of}). Empty when the selection has no plan.
     */
    public Optional<Commands> commands(Matrix matrix, Selection s) {
        return ServingCommands.of(matrix, s, () -> catalogs.get().planner());
    }

    /** Works out {@link #commands} in the background (the slot count plans several times) and hands them to {@code show}. */
    public void exportCommands(Matrix matrix, Selection s, Consumer<Optional<Commands>> show) {
        tasks.run(() -> commands(matrix, s), show, e -> show.accept(Optional.empty()));
    }

    /** Works out {@link #advice} in the background (it plans up to a dozen times) and hands it to {@code show}. */
    public void advise(Matrix matrix, Selection s, Consumer<String> show) {
        tasks.run(() -> advice(matrix, s), show, e -> show.accept(""));
    }

    public int contextLength() {
        return 1 << contextLog2.get();
    }

    public ObservableList<HardwareChoice> hardwareChoices() {
        return hardwareChoices;
    }

    public ObjectProperty<HardwareChoice> hardwareProperty() {
        return hardware;
    }

    /** Context length as a power of two, 2^11 (2048) … 2^17 (131072): what the slider moves. */
    public IntegerProperty contextLog2Property() {
        return contextLog2;
    }

    public ObjectProperty<KvCacheType> kvTypeProperty() {
        return kvType;
    }

    /** Which llama.cpp runs the model: its flash-attention default and graph sizing follow. */
    public ObjectProperty<ServingEngine> engineProperty() {
        return engine;
    }

    /** llama.cpp's {@code -fa on|off|auto}; set to the engine's default whenever the engine changes. */
    public ObjectProperty<FlashAttention> flashAttentionProperty() {
        return flashAttention;
    }

    public ReadOnlyObjectProperty<Matrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ObjectBinding<Optional<FitPlan>> selectedPlan() {
        return selectedPlan;
    }

    public ReadOnlyObjectProperty<GgufModel> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void setStatus(String text) {
        status.set(text);
    }
}
