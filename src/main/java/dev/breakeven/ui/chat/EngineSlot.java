package dev.breakeven.ui.chat;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.EmbeddedLlamaEngine;
import dev.breakeven.core.chat.EmbeddedSettings;
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
import java.util.concurrent.ExecutorService;

/**
 * The one engine the page talks to, loaded or connected in the background with cancel. A failed load leaves
 * the previous engine in place and puts a readable reason in {@link #errorProperty()}.
 */
final class EngineSlot {
    private final ExecutorService background;
    private final ModelPreflight preflight;
    private final ObjectProperty<ChatEngine> engine = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("No model loaded.");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty suggestExternal = new SimpleBooleanProperty();
    private Cancellation loadCancel;

    EngineSlot(ExecutorService background, ModelPreflight preflight) {
        this.background = background;
        this.preflight = preflight;
    }

    ReadOnlyObjectProperty<ChatEngine> engineProperty() {
        return engine;
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

    void loadEmbedded(Path file, int contextSize, int threads, Path nativeLibraryDir) {
        EmbeddedSettings settings;
        try {
            settings = new EmbeddedSettings(file, contextSize, threads, -1, nativeLibraryDir);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        start("Loading " + file.getFileName() + "…", cancel -> {
            preflight.check(file, contextSize);
            return new EmbeddedLlamaEngine(settings);
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
        start("Connecting to " + settings.baseUrl() + "…", cancel -> new ExternalOpenAiEngine(settings));
    }

    void cancelLoad() {
        if (loadCancel != null) {
            loadCancel.cancel();
        }
    }

    private interface EngineMaker {
        ChatEngine make(Cancellation cancel) throws ChatEngineException;
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
                ChatEngine made = maker.make(cancel);
                try {
                    made.prepare(cancel);
                } catch (ChatEngineException | RuntimeException e) {
                    made.close();
                    throw e;
                }
                return made;
            }
        };
        task.setOnSucceeded(e -> {
            loading.set(false);
            if (cancel.isCancelled()) {
                background.execute(task.getValue()::close);
                status.set(describe(engine.get()));
                return;
            }
            ChatEngine old = engine.get();
            engine.set(task.getValue());
            status.set(describe(task.getValue()));
            if (old != null) {
                background.execute(old::close);
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
                + (current.contextSize() > 0 ? " · context " + current.contextSize() : "");
    }

    void close() {
        ChatEngine current = engine.get();
        engine.set(null);
        if (current != null) {
            background.execute(current::close);
        }
    }
}
