package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SupervisedEngine;
import dev.breakeven.core.engine.EngineChoice;
import dev.breakeven.core.engine.EngineChooser;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineOverrides;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.HybridChatEngine;
import dev.breakeven.core.chat.api.ApiChatEngine;
import dev.breakeven.core.chat.api.ApiEngines;
import dev.breakeven.core.chat.api.ApiSettings;
import dev.breakeven.core.chat.api.ApiTarget;
import dev.breakeven.core.router.Router;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one engine the page talks to, started or connected in the background with cancel and progress. A local
 * model runs in its own engine process (built-in host or llama-server, the best that can run its architecture
 * unless the user chose one for it); the GUI's JVM never loads llama.cpp. Switching models stops the old
 * engine's process. A failed load leaves the previous engine in place and puts a readable reason in
 * {@link #errorProperty()}. Besides local engines it holds an API model (no process: an HTTP client with the key from
 * the environment or the key file) or the hybrid of a local engine and an API model; turning a running local engine
 * into a hybrid keeps its process.
 */
final class EngineSlot {
    private final TaskExecutor tasks;
    private final ModelPreflight preflight;
    private final LocalEngines locals;
    private final EngineOverrides overrides;
    private final ObjectProperty<ChatEngine> engine = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> logFile = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("No model loaded.");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty suggestExternal = new SimpleBooleanProperty();
    private final ApiAccess api;
    private Cancellation loadCancel;
    /** What the running local engine (alone or as a hybrid's local side) was started from, to reuse it. */
    private String localSource;
    private String pendingLocalSource;

    EngineSlot(TaskExecutor tasks, ModelPreflight preflight, LocalEngines locals, EngineOverrides overrides,
               ApiAccess api) {
        this.tasks = tasks;
        this.preflight = preflight;
        this.locals = locals;
        this.overrides = overrides;
        this.api = api;
    }

    ApiAccess api() {
        return api;
    }

    ReadOnlyObjectProperty<ChatEngine> engineProperty() {
        return engine;
    }

    /** The log file of the running local engine, null for none or an external server. */
    ReadOnlyObjectProperty<Path> logFileProperty() {
        return logFile;
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    ReadOnlyStringProperty statusProperty() {
        return status;
    }

    ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** True after a refusal that an external server with a current llama.cpp would likely not have. */
    ReadOnlyBooleanProperty suggestExternalProperty() {
        return suggestExternal;
    }

    /** Which engine would run {@code file}, and why (reads its header: call off the FX thread). */
    EngineChoice choiceFor(Path file) {
        return new EngineChooser(locals.runtimes(), false).choose(file, overrides.get(file));
    }

    EngineOverrides overrides() {
        return overrides;
    }

    /** Starts an engine process for {@code file}; {@code kind} empty = the user's choice for it, else the best. */
    void loadLocal(Path file, int contextSize, Optional<EngineKind> kind) {
        start("Starting an engine for " + file.getFileName() + "…", localSource(file, contextSize, kind),
                (cancel, progress) -> localEngine(file, contextSize, kind, progress));
    }

    private ChatEngine localEngine(Path file, int contextSize, Optional<EngineKind> kind, Consumer<String> progress)
            throws ChatEngineException {
        preflight.forAnyArchitecture().check(file, contextSize);
        EngineChoice choice = new EngineChooser(locals.runtimes(), false)
                .choose(file, kind.isPresent() ? kind : overrides.get(file));
        EngineKind chosen = kind.filter(k -> choice.option(k).map(EngineChoice.Option::canRun).orElse(false))
                .or(choice::chosen).orElseThrow(() -> new ChatEngineException(file.getFileName() + ": "
                        + (kind.isPresent() ? choice.option(kind.get()).map(EngineChoice.Option::reason).orElse("")
                        : choice.problem()), true));
        if (chosen == EngineKind.BUILTIN) {
            preflight.check(file, contextSize);
        }
        return locals.engine(chosen, file, contextSize, 0, progress);
    }

    private static String localSource(Path file, int contextSize, Optional<EngineKind> kind) {
        return "model " + file.toAbsolutePath().normalize() + " context " + contextSize + " " + kind;
    }

    void connectExternal(String url) {
        ExternalSettings settings;
        try {
            settings = ExternalSettings.of(url);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        start("Connecting to " + settings.baseUrl() + "…", "server " + settings.baseUrl(),
                (cancel, progress) -> new ExternalOpenAiEngine(settings));
    }

    /** Where the hybrid's local side comes from: a model file started here, or a local server's URL. */
    sealed interface LocalSide {
        record Model(Path file, int contextSize, Optional<EngineKind> kind) implements LocalSide {
        }

        record Server(String url) implements LocalSide {
        }
    }

    /** Answers with an API model, {@code provider/model}; the key is found the SDK way when the engine is made. */
    void useApi(String target) {
        start("Using " + target + "…", null, (cancel, progress) -> apiEngine(target));
    }

    /**
     * The hybrid of a local engine and an API model, each turn routed by the Hybrid page's rules. A local engine
     * already running from the same source is kept (no restart); otherwise it is started or connected first.
     */
    void useHybrid(String target, LocalSide side) {
        String source;
        ExternalSettings server = null;
        try {
            if (side instanceof LocalSide.Server s) {
                server = ExternalSettings.of(s.url());
                source = "server " + server.baseUrl();
            } else {
                LocalSide.Model m = (LocalSide.Model) side;
                source = localSource(m.file(), m.contextSize(), m.kind());
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        ChatEngine running = localPart(engine.get());
        ChatEngine reuse = running != null && source.equals(localSource) ? running : null;
        ExternalSettings serverSettings = server;
        start("Starting the hybrid of a local engine and " + target + "…", source, (cancel, progress) -> {
            ApiChatEngine remote = apiEngine(target);
            ChatEngine local = reuse != null ? reuse : serverSettings != null ? new ExternalOpenAiEngine(serverSettings)
                    : localEngine(((LocalSide.Model) side).file(), ((LocalSide.Model) side).contextSize(),
                    ((LocalSide.Model) side).kind(), progress);
            return new HybridChatEngine(local, remote, new Router(api.rules().get()), true);
        });
    }

    private ApiChatEngine apiEngine(String target) throws ChatEngineException {
        try {
            return ApiEngines.open(ApiSettings.resolve(ApiTarget.parse(target), api.keys(), null, api.prices().get()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ChatEngineException(e.getMessage());
        }
    }

    /** The local engine inside {@code engine}: itself when local, a hybrid's local side, null for an API model. */
    private static ChatEngine localPart(ChatEngine engine) {
        return engine instanceof HybridChatEngine h ? h.local() : engine instanceof ApiChatEngine ? null : engine;
    }

    private static List<ChatEngine> parts(ChatEngine engine) {
        return engine == null ? List.of() : engine instanceof HybridChatEngine h ? List.of(h.local(), h.api())
                : List.of(engine);
    }

    /** Closes what {@code old} runs that {@code kept} does not (a hybrid keeps the local process it was made of). */
    private void retire(ChatEngine old, ChatEngine kept) {
        Set<ChatEngine> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(parts(kept));
        for (ChatEngine part : parts(old)) {
            if (!keep.contains(part)) {
                tasks.background().execute(part::close); // a model switch stops the old engine's process
            }
        }
    }

    void cancelLoad() {
        if (loadCancel != null) {
            loadCancel.cancel();
        }
    }

    private interface EngineMaker {
        ChatEngine make(Cancellation cancel, Consumer<String> progress) throws ChatEngineException;
    }

    /** @param source what the made engine's local part is started from (null: none), so a hybrid can reuse it */
    private void start(String message, String source, EngineMaker maker) {
        if (loading.get()) {
            return;
        }
        pendingLocalSource = source;
        Cancellation cancel = new Cancellation();
        loadCancel = cancel;
        loading.set(true);
        error.set("");
        suggestExternal.set(false);
        status.set(message);
        // progress lines come from the background thread; each reaches the status on the UI thread while loading
        Consumer<String> progress = line -> tasks.onUi(() -> {
            if (loading.get() && line != null && !line.isEmpty()) {
                status.set(line);
            }
        });
        tasks.run(() -> {
            ChatEngine made = maker.make(cancel, progress);
            try {
                made.prepare(cancel);
            } catch (ChatEngineException | RuntimeException e) {
                retireNow(made, engine.get());
                throw e;
            }
            return made;
        }, made -> {
            loading.set(false);
            if (cancel.isCancelled()) {
                retire(made, engine.get());
                status.set(describe(engine.get()));
                return;
            }
            ChatEngine old = engine.get();
            engine.set(made);
            localSource = pendingLocalSource;
            logFile.set(localPart(made) instanceof SupervisedEngine s
                    ? s.process().flatMap(p -> p.logFile()).orElse(null) : null);
            status.set(describe(made));
            retire(old, made);
        }, failure -> {
            loading.set(false);
            boolean wasCancelled = cancel.isCancelled();
            error.set(wasCancelled ? "" : failure instanceof ChatEngineException ? failure.getMessage()
                    : "Loading failed: " + failure);
            suggestExternal.set(failure instanceof ChatEngineException c && c.externalEngineMayWork());
            status.set(describe(engine.get()));
        });
    }

    /** {@link #retire} on the calling (background) thread. */
    private static void retireNow(ChatEngine made, ChatEngine current) {
        Set<ChatEngine> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(parts(current));
        parts(made).stream().filter(p -> !keep.contains(p)).forEach(ChatEngine::close);
    }

    private static String describe(ChatEngine current) {
        return current == null ? "No model loaded." : current.modelName() + " · " + current.label()
                + (current.contextSize() > 0 ? " · context " + current.contextSize() : "")
                // the fit plan's llama-server flags, so the user sees what the runtime was started with
                + (current instanceof SupervisedEngine s && !s.engineArgs().isEmpty()
                ? " · " + String.join(" ", s.engineArgs()) : "");
    }

    void close() {
        ChatEngine current = engine.get();
        engine.set(null);
        logFile.set(null);
        localSource = null;
        if (current != null) {
            tasks.background().execute(current::close);
        }
    }
}
