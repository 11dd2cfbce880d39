package dev.breakeven.ui.hybrid;

import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.ui.common.TaskExecutor;
import dev.breakeven.core.cost.PriceUpdate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * "Update prices": fetches a maintained price table on request, applies it to the user's catalog (changes dated,
 * the user's own edits kept) and lists what changed. It saves to the app's one {@link PriceBook}, so the Costs page
 * shows the new prices at once.
 */
public final class PricesViewModel {
    private final PriceBook book;
    private final TaskExecutor tasks;
    private final Supplier<LocalDate> today;
    private final StringProperty url = new SimpleStringProperty(PriceUpdate.GENAI_PRICES_URL.toString());
    private final BooleanProperty addNew = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper staleness = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> changes = FXCollections.observableArrayList();

    public PricesViewModel(PriceBook book, TaskExecutor tasks, Supplier<LocalDate> today) {
        this.book = book;
        this.tasks = tasks;
        this.today = today;
        showStaleness();
    }

    public StringProperty urlProperty() { return url; }
    public BooleanProperty addNewProperty() { return addNew; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stalenessProperty() { return staleness.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ObservableList<String> changes() { return changes; }

    private void showStaleness() {
        PriceCatalog c = book.current();
        staleness.set(c.stalenessWarning(today.get()).orElse("All " + c.prices().size()
                + " API prices were checked within " + PriceCatalog.STALE_AFTER_DAYS + " days."));
    }

    public void useLiteLlm() {
        url.set(PriceUpdate.LITELLM_URL.toString());
    }

    public void update() {
        if (running.get()) {
            return;
        }
        URI from;
        try {
            from = URI.create(url.get().strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            status.set("Not a URL: " + url.get());
            return;
        }
        running.set(true);
        status.set("Fetching " + from + " …");
        boolean add = addNew.get();
        LocalDate day = today.get();
        tasks.run(() -> {
            byte[] table = PriceUpdate.fetch(from, Duration.ofSeconds(30));
            PriceUpdate.Result r = PriceUpdate.apply(book.current(), table, from, day, add);
            book.save(r.catalog());
            return r;
        }, this::done, e -> {
            running.set(false);
            status.set("Prices not updated: " + e.getMessage());
        });
    }

    private void done(PriceUpdate.Result r) {
        running.set(false);
        changes.setAll(r.changes().stream().filter(c -> c.kind() != PriceUpdate.Kind.CONFIRMED).map(c -> {
            String what = c.before() == null
                    ? String.format(Locale.ROOT, "$%.4g in / $%.4g out", c.after().inputUsdPerMtok(), c.after().outputUsdPerMtok())
                    : String.format(Locale.ROOT, "$%.4g → $%.4g in, $%.4g → $%.4g out", c.before().inputUsdPerMtok(),
                    c.after().inputUsdPerMtok(), c.before().outputUsdPerMtok(), c.after().outputUsdPerMtok());
            return switch (c.kind()) {
                case CHANGED -> "changed  " + c.id() + ": " + what + " (dated " + c.after().checked() + ")";
                case ADDED -> "added    " + c.id() + ": " + what;
                case KEPT_YOUR_EDIT -> "kept your edit  " + c.id() + " (the table says " + what + ")";
                case CONFIRMED -> "";
            };
        }).toList());
        status.set(String.format(Locale.ROOT, "%d changed, %d confirmed and re-dated, %d of your edits kept, %d added; "
                        + "saved to %s. The Costs page uses them now.", r.count(PriceUpdate.Kind.CHANGED),
                r.count(PriceUpdate.Kind.CONFIRMED), r.count(PriceUpdate.Kind.KEPT_YOUR_EDIT),
                r.count(PriceUpdate.Kind.ADDED), book.userFile()));
        showStaleness();
    }
}
