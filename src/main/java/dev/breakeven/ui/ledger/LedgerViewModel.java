package dev.breakeven.ui.ledger;

import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.ApiPrice;
import dev.breakeven.core.cost.CostChoices;
import dev.breakeven.core.cost.CostChoicesStore;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.Ledger;
import dev.breakeven.ui.common.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The ledger page's state: the API the same tokens are priced at and the electricity price — the Costs page's
 * saved choices ({@link CostChoicesStore}), re-read each time the page is shown, the API changeable here — and the
 * report summed in the background, with the hardware written off since the first answer.
 */
public final class LedgerViewModel {
    /** The US average residential price (EIA 2025, as in the electricity presets). */
    public static final double DEFAULT_USD_PER_KWH = Ledger.DEFAULT_USD_PER_KWH;

    private final ConversationStore conversations;
    private final TaskExecutor tasks;
    private final PriceBook prices;
    private final CostChoicesStore choices;
    final ObservableList<ApiPrice> apis = FXCollections.observableArrayList();
    final ObjectProperty<ApiPrice> api = new SimpleObjectProperty<>();
    final ObjectProperty<Ledger.Report> report = new SimpleObjectProperty<>();
    final StringProperty summary = new SimpleStringProperty("Summing your stored answers…");
    final StringProperty amortisation = new SimpleStringProperty("");
    private Optional<CostChoices> saved = Optional.empty();
    private boolean loading;

    /**
     * @param dataDir       where the Costs page keeps its saved choices
     * @param prices        the app's one price catalog, which the Costs page edits and Hybrid's "Update prices"
     *                      refreshes: read again each time the page is shown
     * @param conversations the app's one store, which the Chat page saves to
     */
    public LedgerViewModel(Path dataDir, PriceBook prices, ConversationStore conversations, TaskExecutor tasks) {
        this.conversations = conversations;
        this.tasks = tasks;
        this.prices = prices;
        this.choices = new CostChoicesStore(dataDir);
        useCostsChoices();
        api.addListener((obs, old, now) -> {
            if (!loading) {
                refresh();
            }
        });
    }

    public ObjectProperty<Ledger.Report> reportProperty() {
        return report;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty amortisationProperty() {
        return amortisation;
    }

    /** Takes the Costs page's current API model and electricity price (it may have changed since), then sums. */
    public void showFromCosts() {
        useCostsChoices();
        refresh();
    }

    /** Reads the saved choices; a small file, read on the calling thread like the price catalog. */
    private void useCostsChoices() {
        saved = choices.load();
        PriceCatalog catalog = prices.current();
        ApiPrice chosen = saved.map(CostChoices::apiModelId).flatMap(catalog::find)
                .or(() -> catalog.find(Ledger.DEFAULT_API)).orElse(catalog.prices().getFirst());
        loading = true;
        try {
            apis.setAll(catalog.prices());
            api.set(chosen);
        } finally {
            loading = false;
        }
    }

    /** Reads the stored conversations and sums them off the FX thread. */
    public void refresh() {
        Ledger.Settings settings = Ledger.settingsFrom(saved, api.get(), ZoneId.systemDefault());
        boolean kwhFromCosts = saved.map(c -> c.usdPerKwh().isPresent()).orElse(false);
        tasks.run(() -> Ledger.of(conversations.list().conversations(), settings, Instant.now()),
                r -> show(r, settings, kwhFromCosts),
                e -> summary.set("Could not read the stored answers: " + e.getMessage()));
    }

    private void show(Ledger.Report r, Ledger.Settings settings, boolean kwhFromCosts) {
        report.set(r);
        if (r.since() == null) {
            summary.set("No stored answers yet: chat on the Chat page and they are counted here.");
            amortisation.set("");
            return;
        }
        summary.set(String.format(Locale.ROOT, "Local has saved $%.4f since %s against %s: %d answers, %d tokens in, "
                        + "%d out, %.3f kWh at $%.2f/kWh (%s).", r.total().savedUsd(), r.since(), r.api(),
                r.total().answers(), r.total().tokensIn(), r.total().tokensOut(), r.total().kilowattHours(),
                r.usdPerKwh(), kwhFromCosts ? "the Costs page's price" : "the US average; set yours on the Costs page"));
        if (settings.hardwareUsd() > 0) {
            double net = r.total().savedUsd() - r.hardwareAmortisedUsd();
            amortisation.set(String.format(Locale.ROOT, "Hardware written off since then: $%.2f of $%.0f over %s "
                            + "(the Costs page's hardware price and amortisation) — net %s$%.2f.",
                    r.hardwareAmortisedUsd(), settings.hardwareUsd(), years(settings.amortisationYears()),
                    net < 0 ? "-" : "", Math.abs(net)));
        } else {
            amortisation.set("No hardware price on the Costs page: the machine counts as already paid for.");
        }
    }

    private static String years(double years) {
        return years == Math.rint(years) ? String.format(Locale.ROOT, "%.0f years", years)
                : String.format(Locale.ROOT, "%.0f months", years * 12);
    }
}
