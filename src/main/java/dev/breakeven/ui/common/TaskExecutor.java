package dev.breakeven.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * How a view model runs slow work: off the UI thread, with the result (or the failure) delivered on the UI thread.
 * Modelled on JabRef's {@code TaskExecutor}. The app uses {@link #fx}, which runs the work on the shared background
 * executor and answers through {@code Platform.runLater}; view-model tests use {@link #inline}, which runs both on
 * the calling thread, so they need no FX toolkit and no waiting.
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background; then, on the UI thread, {@code onSuccess} with its result or
     * {@code onFailure} with what it threw.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs {@code action} on the UI thread (from a background thread or a core callback). */
    void onUi(Runnable action);

    /** The background executor itself, for core code that takes an {@link Executor}. */
    Executor background();

    /** Background work on {@code background}, answers on the JavaFX application thread. */
    static TaskExecutor fx(Executor background) {
        return new ThreadedTaskExecutor(background, javafx.application.Platform::runLater);
    }

    /** Background work on {@code background}, answers through {@code ui}: for tests that want real threads. */
    static TaskExecutor on(Executor background, Executor ui) {
        return new ThreadedTaskExecutor(background, ui);
    }

    /** The synchronous twin for tests: work and answers run on the calling thread, in order. */
    static TaskExecutor inline() {
        return InlineTaskExecutor.INSTANCE;
    }
}
