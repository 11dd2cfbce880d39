package dev.breakeven.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** {@link TaskExecutor#inline()}: everything on the calling thread, so a view-model test sees the result at once. */
final class InlineTaskExecutor implements TaskExecutor {
    static final InlineTaskExecutor INSTANCE = new InlineTaskExecutor();

    private InlineTaskExecutor() {
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    @Override
    public Executor background() {
        return Runnable::run;
    }
}
