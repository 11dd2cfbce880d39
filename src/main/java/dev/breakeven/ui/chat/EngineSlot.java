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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The one engine the page talks to, started or connected in the background with cancel and progress. A local
 * model runs in its own engine process (built-in host or llama-server, the best that can run its architecture
 * unless the user chose one for it); the GUI's JVM never loads llama.cpp. Switching models stops the old
 * engine's process. A failed load leaves the previous engine in place and puts a readable reason in
 * {@link #errorProperty()}.
 */
final class EngineSlot {
    private final ExecutorService background;
    private final ModelPreflight preflight;
    private final LocalEngines locals;
    private final EngineOverrides overrides;
    private final ObjectProperty<ChatEngine> engine = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> logFile = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("No model loaded.");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty suggestExternal = new SimpleBooleanProperty();
    private Cancellation loadCancel;

    EngineSlot(ExecutorService background, ModelPreflight preflight, LocalEngines locals, EngineOverrides overrides) {
        this.background = background;
        this.preflight = preflight;
        this.locals = locals;
        this.overrides = overrides;
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
        start("Starting an engine for " + file.getFileName() + "…", (cancel, progress) -> {
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
        });
    }

    void connectExternal(String url) {
        ExternalSettings settings;
        try {
            settings = ExternalSettings.of(url);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        start("Connecting to " + settings.baseUrl() + "…", (cancel, progress) -> new ExternalOpenAiEngine(settings));
    }

    void cancelLoad() {
        if (loadCancel != null) {
            loadCancel.cancel();
        }
    }

    private interface EngineMaker {
        ChatEngine make(Cancellation cancel, Consumer<String> progress) throws ChatEngineException;
    }

    private void start(String message, EngineMaker maker) {
        if (loading.get()) {
            return;
        }
        Cancellation cancel = new Cancellation();
        loadCancel = cancel;
        loading.set(true);
        error.set("");
        suggestExternal.set(false);
        status.set(message);
        Task<ChatEngine> task = new Task<>() {
            @Override
            protected ChatEngine call() throws ChatEngineException {
                ChatEngine made = maker.make(cancel, this::updateMessage);
                try {
                    made.prepare(cancel);
                } catch (ChatEngineException | RuntimeException e) {
                    made.close();
                    throw e;
                }
                return made;
            }
        };
        task.messageProperty().addListener((obs, old, now) -> {
            if (loading.get() && now != null && !now.isEmpty()) {
                status.set(now);
            }
        });
        task.setOnSucceeded(e -> {
            loading.set(false);
            if (cancel.isCancelled()) {
                background.execute(task.getValue()::close);
                status.set(describe(engine.get()));
                return;
            }
            ChatEngine old = engine.get();
            engine.set(task.getValue());
            logFile.set(task.getValue() instanceof SupervisedEngine s
                    ? s.process().flatMap(p -> p.logFile()).orElse(null) : null);
            status.set(describe(task.getValue()));
            if (old != null) {
                background.execute(old::close); // a model switch stops the old engine's process
            }
        });
        task.setOnFailed(e -> {
            loading.set(false);
            Throwable failure = task.getException();
            boolean wasCancelled = cancel.isCancelled();
            error.set(wasCancelled ? "" : failure instanceof ChatEngineException ? failure.getMessage()
                    : "Loading failed: " + failure);
            suggestExternal.set(failure instanceof ChatEngineException c && c.externalEngineMayWork());
            status.set(describe(engine.get()));
        });
        background.execute(task);
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
        if (current != null) {
            background.execute(current::close);
        }
    }
}
