package dev.breakeven.ui.fit;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Recommendations;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.fit.ServingExport;
import dev.breakeven.core.hub.ModelSources;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.ThisMachine;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * State of the Fit page: which hardware, context and KV type, the matrix of plans for them, and the selected
 * cell. Plans are computed off the FX thread; a newer request makes an older result stale.
 */
public final class FitViewModel {
    /** The quants shown as columns: the presets people download, smallest first. */
    static final List<String> MATRIX_QUANTS = List.of("Q2_K", "Q3_K_M", "IQ4_XS", "Q4_K_M", "Q5_K_M", "Q6_K",
            "Q8_0", "F16");
    /** Perplexity loss the "largest model" line accepts (Q4_K_M loses 4.8 % on Llama-3-70B). */
    static final double QUALITY_FLOOR_PERCENT = 5.0;
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

    /** The planner and the catalogs it plans over; loading them is most of a cold first plan, so it runs in the background. */
    private record Catalogs(FitPlanner planner, Recommendations recommendations, List<CatalogModel> models,
                            List<Quant> quants, GpuCatalog gpus) {
        static Catalogs load() {
            FitPlanner planner = FitPlanner.standard();
            QuantCatalog quantCatalog = QuantCatalog.load();
            return new Catalogs(planner, new Recommendations(planner), ModelCatalog.load().models(),
                    MATRIX_QUANTS.stream().map(id -> quantCatalog.find(id).orElseThrow()).toList(), GpuCatalog.load());
        }
    }

    private final TaskExecutor tasks;
    private volatile Catalogs catalogs;
    private HardwareProfile shownProfile;
    private long profileRequests;
    private long profileShown;
    private Runnable unfollow = () -> { };

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
        long mine = ++profileRequests;
        tasks.run(() -> choices(detector.get()), c -> showChoices(mine, c),
                e -> status.set("Hardware detection failed: " + e.getMessage()));
    }

    /**
     * Plans for this machine as the Hardware page corrects it: detects now (in the background) and again re-plans
     * whenever a correction, a measurement or a new detection changes the profile.
     */
    public void follow(ThisMachine machine) {
        unfollow.run();
        unfollow = machine.subscribe(profile -> tasks.onUi(() -> useProfile(profile)));
        detect(machine);
    }

    /** Stops following the machine's profile (the page is gone). */
    public void unfollow() {
        unfollow.run();
    }

    /** Fills the hardware selector from a detected profile: this machine first, then every catalog card. */
    public void useProfile(HardwareProfile profile) {
        long mine = ++profileRequests;
        tasks.run(() -> choices(profile), c -> showChoices(mine, c), e -> status.set("Planning failed: " + e.getMessage()));
    }

    /** The selector's entries for a profile and the status line about it (background: loads the catalogs). */
    private record Choices(HardwareProfile profile, List<HardwareChoice> choices, String status) {
    }

    private Choices choices(HardwareProfile profile) {
        Catalogs c = catalogs();
        double fallback = c.planner().memory().constants().fallbackHostBandwidthGBps();
        HostSpec host = HardwareTargets.host(profile, fallback);
        List<HardwareChoice> choices = new ArrayList<>();
        HardwareTarget machine = HardwareTargets.fromProfile(profile, c.gpus(), fallback);
        choices.add(new HardwareChoice(machine.label(), machine));
        c.gpus().all().forEach(card -> choices.add(new HardwareChoice("What if: " + card.name(),
                HardwareTargets.fromCatalog(card, host))));
        String calibration = "This machine: " + dev.breakeven.core.hardware.CalibrationStatus.of(profile);
        return new Choices(profile, choices, HardwareTargets.assumedBandwidthNote(profile, fallback)
                .map(n -> n + ". " + calibration).orElse(calibration));
    }

    /**
     * Shows new choices keeping the user's pick (this machine or a what-if card); an unchanged profile re-plans
     * nothing, and an answer older than one already shown (a slow first detection) is dropped.
     */
    private void showChoices(long request, Choices next) {
        if (request < profileShown || next.profile().equals(shownProfile)) {
            return;
        }
        profileShown = request;
        shownProfile = next.profile();
        int keep = Math.max(0, hardwareChoices.indexOf(hardware.get()));
        hardwareChoices.setAll(next.choices());
        status.set(next.status());
        hardware.set(next.choices().get(Math.min(keep, next.choices().size() - 1)));
    }

    private Catalogs catalogs() {
        Catalogs c = catalogs;
        if (c == null) {
            synchronized (this) {
                if (catalogs == null) {
                    catalogs = Catalogs.load();
                }
                c = catalogs;
            }
        }
        return c;
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

    private List<Row> rows() {
        Catalogs c = catalogs();
        List<Row> rows = new ArrayList<>();
        for (CatalogModel m : c.models()) {
            rows.add(new Row(m.id(), m.name(), m.shape(),
                    c.quants().stream().map(q -> ModelWeights.estimate(m, q)).toList()));
        }
        return rows;
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
        tasks.run(() -> compute(rows(), choice.target(), ctx, settings(chosenEngine, fa, kv, choice.target()), opened),
                planned -> {
                    if (mine == generation) {
                        matrix.set(planned);
                    }
                }, e -> status.set("Planning failed: " + e.getMessage()));
    }

    static Settings settings(ServingEngine engine, FlashAttention fa, KvCacheType kv, HardwareTarget target) {
        boolean on = engine.flashAttention(fa, target.gpu() == null ? "cpu" : target.gpu().backend());
        return new Settings(engine, fa, on, kv);
    }

    Matrix compute(List<Row> rows, HardwareTarget target, int ctx, KvCacheType kv, GgufModel opened) {
        return compute(rows, target, ctx, settings(ServingEngine.RUNTIME, FlashAttention.AUTO, kv, target), opened);
    }

    Matrix compute(List<Row> rows, HardwareTarget target, int ctx, Settings settings, GgufModel opened) {
        Catalogs cat = catalogs();
        FitPlanner planner = cat.planner();
        List<CatalogModel> models = cat.models();
        List<Quant> quants = cat.quants();
        KvCacheType kv = settings.kvFellBack() ? KvCacheType.F16 : settings.kvType();
        List<String> columns = quants.stream().map(Quant::id).toList();
        FitPlan[][] plans = new FitPlan[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int c = 0; c < row.weights().size() && c < columns.size(); c++) {
                PlanRequest request = settings.apply(PlanRequest.of(row.shape(), row.weights().get(c), ctx, target));
                plans[r][c] = planner.plan(request);
            }
        }
        FitPlan filePlan = opened == null ? null
                : planner.plan(settings.apply(PlanRequest.of(opened.shape(), opened.weights(), ctx, target)));
        PlanRequest template = settings.apply(PlanRequest.of(models.getFirst().shape(),
                ModelWeights.estimate(models.getFirst(), quants.getFirst()), ctx, target));
        Optional<Recommendations.Choice> largest = cat.recommendations().largestFullModel(models, quants,
                QUALITY_FLOOR_PERCENT, template);
        return new Matrix(rows, columns, plans, target, ctx, kv, opened, filePlan, largest, settings);
    }

    /**
     * Advice for a selected catalog cell: the best quant that runs fully on the GPU at this context, and the
     * context at which the selected choice stops keeping its verdict. Empty for the file row.
     */
    public String advice(Matrix matrix, Selection s) {
        Catalogs cat = catalogs();
        FitPlanner planner = cat.planner();
        Recommendations recommendations = cat.recommendations();
        List<CatalogModel> models = cat.models();
        List<Quant> quants = cat.quants();
        if (s.row() == FILE_ROW || s.row() >= models.size()) {
            return "";
        }
        CatalogModel m = models.get(s.row());
        Quant q = quants.get(s.column());
        PlanRequest request = matrix.settings().apply(PlanRequest.of(m.shape(), ModelWeights.estimate(m, q),
                matrix.contextLength(), matrix.target()));
        String best = recommendations.bestFullQuant(m, quants, request)
                .map(c -> "Best quantization fully on the GPU at this context: " + c.quant().id() + ".")
                .orElse("No quantization of this model runs fully on the GPU at this context.");
        int limit = Math.max(m.maxContext(), m.shape().contextLength());
        int keeps = recommendations.maxContextKeepingVerdict(request, limit);
        FitPlan now = planner.plan(request);
        String context = keeps == 0 ? "" : keeps >= limit
                ? " " + q.id() + " stays " + now.verdict().word() + " up to the model's " + limit + " tokens."
                : " " + q.id() + " stays " + now.verdict().word() + " up to " + keeps + " tokens.";
        return best + context;
    }

    /**
     * The serving commands for a selection: {@code llama-server} and {@code vllm serve}, as {@code fit --export}
     * prints them; {@code placeholder} when the model path in them is a name to replace (a catalog cell).
     */
    public record Commands(ServingExport llamaServer, ServingExport vllm, boolean placeholder) {
    }

    /**
     * The command lines for the selected plan, built by the same {@link ServingExport} as {@code fit --export}: an
     * opened file loads from its real path; a catalog cell from the file name the model sources list for it (else
     * {@code MODEL-QUANT.gguf}, as the CLI names it), a placeholder to replace with where the file is. Empty when
     * the selection has no plan.
     */
    public Optional<Commands> commands(Matrix matrix, Selection s) {
        if (matrix == null || s == null) {
            return Optional.empty();
        }
        PlanRequest request;
        String ggufName;
        String vllmName;
        if (s.row() == FILE_ROW) {
            GgufModel opened = matrix.file();
            if (opened == null || matrix.filePlan() == null) {
                return Optional.empty();
            }
            request = matrix.settings().apply(PlanRequest.of(opened.shape(), opened.weights(),
                    matrix.contextLength(), matrix.target()));
            ggufName = opened.path().toAbsolutePath().toString();
            vllmName = ggufName;
        } else {
            if (s.row() >= matrix.rows().size() || s.column() >= matrix.columns().size()) {
                return Optional.empty();
            }
            Row row = matrix.rows().get(s.row());
            String quant = matrix.columns().get(s.column());
            request = matrix.settings().apply(PlanRequest.of(row.shape(), row.weights().get(s.column()),
                    matrix.contextLength(), matrix.target()));
            ggufName = ModelSources.load().find(row.id(), quant)
                    .map(l -> Path.of(l.file()).getFileName().toString())
                    .orElse(row.id() + "-" + quant + ".gguf");
            vllmName = row.id();
        }
        FitPlanner planner = catalogs().planner();
        FitPlan plan = matrix.plan(s.row(), s.column()).orElseGet(() -> planner.plan(request));
        return Optional.of(new Commands(ServingExport.llamaServer(ggufName, request, plan, planner.maxParallel(request)),
                ServingExport.vllm(vllmName, request, plan), s.row() != FILE_ROW));
    }

    /** Works out {@link #commands} in the background (the slot count plans several times) and hands them to {@code show}. */
    public void exportCommands(Matrix matrix, Selection s, java.util.function.Consumer<Optional<Commands>> show) {
        tasks.run(() -> commands(matrix, s), show, e -> show.accept(Optional.empty()));
    }

    /** Works out {@link #advice} in the background (it plans up to a dozen times) and hands it to {@code show}. */
    public void advise(Matrix matrix, Selection s, java.util.function.Consumer<String> show) {
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
