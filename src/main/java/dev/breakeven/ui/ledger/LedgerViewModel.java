package dev.breakeven.ui.ledger;

import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.Ledger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/** The ledger page's state: the chosen API and electricity price, and the report summed in the background. */
public final class LedgerViewModel {
    /** The US average residential price (EIA 2025, as in the electricity presets). */
    public static final double DEFAULT_USD_PER_KWH = 0.17;

    private final Path dataDir;
    private final ExecutorService background;
    final ObservableList<ApiPrice> apis = FXCollections.observableArrayList();
    final ObjectProperty<ApiPrice> api = new SimpleObjectProperty<>();
    final ObjectProperty<Ledger.Report> report = new SimpleObjectProperty<>();
    final StringProperty summary = new SimpleStringProperty("Summing your stored answers…");

    public LedgerViewModel(Path dataDir, Path settingsDir, ExecutorService background) {
        this.dataDir = dataDir;
        this.background = background;
        PriceCatalog prices = PriceCatalog.userOrBundled(settingsDir.resolve("api-prices.json"));
        apis.setAll(prices.prices());
        api.set(prices.find("openai/gpt-4.1").orElse(prices.prices().getFirst()));
        api.addListener((obs, old, now) -> refresh());
    }

    public ObjectProperty<Ledger.Report> reportProperty() {
        return report;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Reads the stored conversations and sums them off the FX thread. */
    public void refresh() {
        ApiPrice chosen = api.get();
        Task<Ledger.Report> task = new Task<>() {
            @Override
            protected Ledger.Report call() {
                var listing = ConversationStore.under(dataDir).list();
                return Ledger.of(listing.conversations(),
                        new Ledger.Settings(chosen, DEFAULT_USD_PER_KWH, 0, 3, ZoneId.systemDefault()), Instant.now());
            }
        };
        task.setOnSucceeded(e -> {
            Ledger.Report r = task.getValue();
            report.set(r);
            summary.set(r.since() == null ? "No stored answers yet: chat on the Chat page and they are counted here."
                    : String.format(Locale.ROOT, "Local has saved $%.4f since %s against %s: %d answers, %d tokens in, "
                            + "%d out, %.3f kWh at $%.2f/kWh.", r.total().savedUsd(), r.since(), r.api(),
                    r.total().answers(), r.total().tokensIn(), r.total().tokensOut(), r.total().kilowattHours(),
                    r.usdPerKwh()));
        });
        task.setOnFailed(e -> summary.set("Could not read the stored answers: " + task.getException().getMessage()));
        background.submit(task);
    }
}
