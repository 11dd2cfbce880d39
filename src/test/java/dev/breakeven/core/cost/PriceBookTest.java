package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PriceBookTest {
    @TempDir
    Path data;

    @Test
    void aSavedCatalogIsWrittenAndToldToEverySubscriberOnce() throws Exception {
        PriceBook book = new PriceBook(data.resolve(PriceCatalog.USER_FILE));
        PriceCatalog bundled = book.current();
        assertThat(bundled).isEqualTo(PriceCatalog.bundled());
        List<PriceCatalog> told = new ArrayList<>();
        book.subscribe(told::add);

        ApiPrice first = bundled.prices().getFirst();
        PriceCatalog edited = bundled.replacing(first.withPrices(1, 2, null, LocalDate.of(2026, 12, 7), "test"));
        book.save(edited);
        book.save(edited); // the page that saved hears nothing new
        assertThat(told).containsExactly(edited);
        assertThat(book.current()).isEqualTo(edited);
        assertThat(new PriceBook(book.userFile()).current().find(first.id()).orElseThrow().outputUsdPerMtok())
                .isEqualTo(2.0);
    }
}
