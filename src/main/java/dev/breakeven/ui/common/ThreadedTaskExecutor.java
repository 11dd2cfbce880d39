package dev.breakeven.ui.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The app's {@link TaskExecutor}: work on the shared background executor, answers on the UI thread (the FX thread). */
final class ThreadedTaskExecutor implements TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadedTaskExecutor.class);
    private final Executor background;
    private final Executor ui;

    ThreadedTaskExecutor(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        background.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                ui.execute(() -> onFailure.accept(e));
                return;
            } catch (Error e) { // an OutOfMemoryError in one task must not pass unseen
                LOG.error("background task failed", e);
                throw e;
            }
            ui.execute(() -> onSuccess.accept(result));
        });
    }

    @Override
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    @Override
    public Executor background() {
        return background;
    }
}
