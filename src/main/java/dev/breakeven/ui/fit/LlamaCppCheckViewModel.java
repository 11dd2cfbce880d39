package dev.breakeven.ui.fit;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.runtime.AllocationCheck;
import dev.breakeven.core.runtime.AllocationChecker;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Fit page's "Check against llama.cpp": starts the runtime on the opened file in the background (through the
 * engine supervisor, with the plan's flags), then shows the planner's weights, KV cache and compute buffer beside
 * llama.cpp's own report with the difference; each check is kept as a record in the data folder. {@code ui} runs
 * the results on the FX thread (tests pass a direct executor).
 */
public final class LlamaCppCheckViewModel {
    private static final double MIB = 1024.0 * 1024.0;

    /** One line of the comparison as the page shows it. */
    public record Row(String term, String planned, String reported, String difference) {
    }

    private final AllocationChecker checker;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<AllocationCheck> result = new ReadOnlyObjectWrapper<>(this, "result");
    private volatile Cancellation cancel = new Cancellation();

    public LlamaCppCheckViewModel(AllocationChecker checker, Executor background, Executor ui) {
        this.checker = checker;
        this.background = background;
        this.ui = ui;
    }

    /** Shows the last check of {@code file} at {@code contextSize}, if one was kept; clears the table otherwise. */
    public void showKept(Path file, int contextSize) {
        background.execute(() -> {
            Optional<AllocationCheck> kept = checker.store().latest(file, contextSize);
            ui.execute(() -> {
                if (running.get()) {
                    return;
                }
                result.set(kept.orElse(null));
                status.set(kept.map(c -> "Checked " + c.checkedAt() + " (kept in " + checker.store().file() + ").")
                        .orElse(""));
            });
        });
    }

    /** Starts the runtime on {@code file} at {@code contextSize} tokens and compares; ignored while one runs. */
    public void check(Path file, int contextSize) {
        if (running.get()) {
            return;
        }
        Cancellation mine = new Cancellation();
        cancel = mine;
        running.set(true);
        status.set("Starting llama.cpp on " + file.getFileName() + "…");
        background.execute(() -> {
            try {
                AllocationCheck check = checker.check(file, contextSize, mine,
                        message -> ui.execute(() -> status.set(message)));
                ui.execute(() -> {
                    running.set(false);
                    result.set(check);
                    status.set("llama.cpp ran it with " + String.join(" ", check.engineArgs())
                            + "; kept in " + checker.store().file() + ".");
                });
            } catch (ChatEngineException | RuntimeException e) {
                ui.execute(() -> {
                    running.set(false);
                    status.set(mine.isCancelled() ? "Cancelled." : "The check failed: " + e.getMessage());
                });
            }
        });
    }

    public void cancel() {
        cancel.cancel();
    }

    /** The comparison as the page's table rows, MiB with two decimals as llama.cpp prints them. */
    public static List<Row> rows(AllocationCheck check) {
        return check.terms().stream().map(t -> new Row(t.name(), mib(t.plannedBytes()),
                t.reported() ? mib(t.reportedBytes()) : "not reported",
                t.reported() ? String.format(Locale.ROOT, "%+.2f MiB (%+.1f %%)", t.differenceBytes() / MIB,
                        t.errorPercent()) : "")).toList();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / MIB);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AllocationCheck> resultProperty() {
        return result.getReadOnlyProperty();
    }
}
