package dev.breakeven.ui.ledger;

import dev.breakeven.core.chat.store.Conversation;
import dev.breakeven.core.chat.store.ConversationStore;
import dev.breakeven.core.cost.CostChoices;
import dev.breakeven.core.cost.CostChoicesStore;
import dev.breakeven.core.cost.PriceBook;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.ledger.LedgerTest;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Ledger page's view model without the FX toolkit: the synchronous twin of the task executor runs the sum inline. */
class LedgerViewModelTest {
    @TempDir
    Path data;

    @Test
    void sumsTheStoredAnswersWithTheCostsPagesSavedChoices() throws Exception {
        ConversationStore store = ConversationStore.under(data);
        for (Conversation c : LedgerTest.fixtures()) {
            store.save(c);
        }
        var haiku = PriceCatalog.bundled().prices().stream().filter(p -> p.id().contains("haiku")).findFirst()
                .orElseThrow();
        new CostChoicesStore(data).save(new CostChoices(haiku.id(), "0.30", "0", null, null, "24"));

        LedgerViewModel model = new LedgerViewModel(data, new PriceBook(data.resolve(PriceCatalog.USER_FILE)), store, TaskExecutor.inline());
        model.showFromCosts();

        assertThat(model.reportProperty().get()).isNotNull();
        assertThat(model.api.get().id()).isEqualTo(haiku.id());
        // 3500 tokens in and 1750 out on that API; 3 Wh at the saved $0.30/kWh
        double saved = (3500 * haiku.inputUsdPerMtok() + 1750 * haiku.outputUsdPerMtok()) / 1e6 - 0.003 * 0.30;
        assertThat(model.summaryProperty().get())
                .contains(String.format(Locale.ROOT, "Local has saved $%.4f since 2026-11-30", saved))
                .contains("3 answers, 3500 tokens in, 1750 out", "(the Costs page's price)");
        assertThat(model.amortisationProperty().get()).startsWith("No hardware price on the Costs page");
    }

    @Test
    void withNoAnswersItSaysWhereTheyComeFrom() {
        LedgerViewModel empty = new LedgerViewModel(data, PriceBook.bundledOnly(), ConversationStore.under(data), TaskExecutor.inline());
        empty.refresh();
        assertThat(empty.summaryProperty().get()).startsWith("No stored answers yet");
        assertThat(empty.amortisationProperty().get()).isEmpty();
    }
}
