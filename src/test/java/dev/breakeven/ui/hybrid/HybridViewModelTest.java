package dev.breakeven.ui.hybrid;

import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.router.RoutingRulesStore;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The Hybrid page's state without the FX toolkit: the synchronous task executor answers at once. */
class HybridViewModelTest {
    @TempDir
    Path settings;

    @Test
    void theSampleIsPricedWithTheAppsPriceCatalogAsItIsNow() {
        PriceCatalog bundled = PriceCatalog.bundled();
        PriceCatalog doubled = new PriceCatalog(bundled.notes(), bundled.prices().stream()
                .map(p -> p.withPrices(p.inputUsdPerMtok() * 2, p.outputUsdPerMtok() * 2, p.effectiveCachedUsdPerMtok() * 2,
                        LocalDate.of(2026, 12, 7), "test"))
                .toList());
        AtomicReference<PriceCatalog> prices = new AtomicReference<>(bundled);
        HybridViewModel m = new HybridViewModel(RoutingRulesStore.inSettings(settings), TaskExecutor.inline(), prices::get);
        m.sampleTextProperty().set("prove this lemma\nwhat time is it\nsummarise this email\nhello");
        assertThat(m.shareTextProperty().get()).startsWith("To the API: 1 of 4 requests");
        double allApi = m.outcomeProperty().get().cost().allApiMonthlyUsd();

        prices.set(doubled); // "Update prices" saved a new catalog; the next sample uses it
        m.sampleTextProperty().set("prove this lemma\nwhat time is it\nsummarise this email\nhello there");
        assertThat(m.outcomeProperty().get().cost().allApiMonthlyUsd()).isGreaterThan(allApi * 1.5);
    }

    @Test
    void aBadPromptsFileLeavesTheSampleAndSaysWhy() throws Exception {
        HybridViewModel m = new HybridViewModel(RoutingRulesStore.inSettings(settings), TaskExecutor.inline(),
                PriceCatalog::bundled);
        m.sampleTextProperty().set("hello");
        Path bad = Files.writeString(settings.resolve("bad.jsonl"), "{\"prompt\": 5}\n");
        m.loadSample(bad);
        assertThat(m.sampleTextProperty().get()).isEqualTo("hello");
        assertThat(m.sampleErrorProperty().get()).isNotEmpty();
        Path good = Files.writeString(settings.resolve("good.txt"), "refactor the parser\nhello\n");
        m.loadSample(good);
        assertThat(m.sampleTextProperty().get()).contains("refactor the parser");
    }
}
