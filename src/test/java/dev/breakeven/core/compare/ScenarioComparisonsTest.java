package dev.breakeven.core.compare;

import dev.breakeven.core.cost.CostBands;
import dev.breakeven.core.cost.CostReport;
import dev.breakeven.core.cost.PriceCatalog;
import dev.breakeven.core.cost.RangeEvaluator;
import dev.breakeven.core.cost.Scenario;
import dev.breakeven.core.cost.ScenarioIo;
import dev.breakeven.core.cost.ScenarioPresets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ScenarioComparisonsTest {
    private static final GpuComparison COMPARE = GpuComparison.standard();

    @Test
    void aSavedComparisonComesBackWithTheSameFiguresAndLandsInTheReport() throws Exception {
        Scenario base = ScenarioPresets.load("buyer-comparing-cards");
        var request = GpuComparisonTest.request("qwen3-32b");
        List<CompareOption> options = List.of(
                new CompareOption.Cards(GpuComparisonTest.card("rtx-3090"), 2, 1400.0),
                CompareOption.Cards.of(GpuComparisonTest.card("rtx-5090")));
        Scenario saved = base.withComparison(ScenarioComparisons.section(options, request));
        String json = ScenarioIo.toJson(saved);
        assertTrue(json.contains("\"option\" : \"2x rtx-3090\""), json);

        Scenario loaded = ScenarioIo.parse(json);
        PriceCatalog prices = PriceCatalog.bundled();
        Comparison c = ScenarioComparisons.evaluate(loaded, prices, COMPARE, () -> {
            throw new AssertionError("no detection needed without a 'this' option");
        });
        assertEquals(2, c.options().size());
        assertEquals("2× GeForce RTX 3090", c.options().get(0).label());
        assertEquals(1400.0, c.options().get(0).priceUsd());
        assertEquals(1999.0, c.options().get(1).priceUsd());
        assertEquals("Claude Haiku 4.5", c.request().apiName());
        assertEquals(8192, c.request().contextLength());

        CostBands bands = RangeEvaluator.evaluate(loaded.toInputs(prices));
        String html = CostReport.html("r", "", loaded.toInputs(prices), bands, null, List.of(), List.of(),
                ComparisonRows.table(c));
        assertTrue(html.contains("<h2>GPU comparison</h2>"));
        assertTrue(html.contains("2× GeForce RTX 3090"));
        assertTrue(html.contains(CostReportText.escape(c.options().get(1).verdict())), html);
        assertTrue(html.contains("★"));
        String without = CostReport.html("r", "", loaded.toInputs(prices), bands, null, List.of(), List.of());
        assertFalse(without.contains("GPU comparison"));
    }

    @Test
    void unknownCardsInAFileAreNamed() throws Exception {
        Scenario s = ScenarioPresets.load("buyer-comparing-cards").withComparison(new Scenario.Comparison(
                List.of(new Scenario.ComparedOption("rtx-9999", null)), "qwen3-32b", "Q4_K_M", 8192));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioComparisons.evaluate(s, PriceCatalog.bundled(), COMPARE, () -> null));
        assertTrue(e.getMessage().contains("rtx-9999"));
    }

    /** The report escapes HTML; verdicts have no markup but may have an ampersand-free apostrophe. */
    private static final class CostReportText {
        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
