package dev.breakeven.core.compare;

import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;
import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.CatalogGpu;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;
import static org.junit.jupiter.api.Assertions.*;

class GpuComparisonTest {
    private static final GpuComparison COMPARE = GpuComparison.standard();

    static CatalogGpu card(String id) {
        return COMPARE.gpus().byId(id).orElseThrow();
    }

    /** 2 M input and 1 M output tokens a day against $1/$5 per M tokens, 8 h a day at $0.20/kWh. */
    static PointInputs workload() {
        return PointInputs.blank().with(API_INPUT_PRICE, 1).with(API_OUTPUT_PRICE, 5).with(API_CACHED_PRICE, 1)
                .with(INPUT_TOKENS_PER_DAY, 2_000_000).with(OUTPUT_TOKENS_PER_DAY, 1_000_000)
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH).with(AMORTIZE_MONTHS, 36)
                .with(LOAD_HOURS, 8).with(KWH_USD, 0.20);
    }

    static CompareRequest request(String modelId) {
        CatalogModel model = COMPARE.models().find(modelId).orElseThrow();
        return new CompareRequest(model, COMPARE.quants().find("Q4_K_M").orElseThrow(), 8192, workload(),
                "Claude Haiku 4.5");
    }

    @Test
    void twoCardsAddVramButDecodeAtOneCardsBandwidthLessTheHandOver() {
        var one = COMPARE.evaluate(CompareOption.Cards.of(card("rtx-3090")), request("llama-3.1-8b"));
        var two = COMPARE.evaluate(new CompareOption.Cards(card("rtx-3090"), 2, null), request("llama-3.1-8b"));
        assertEquals("2× GeForce RTX 3090", two.label());
        assertTrue(two.vramGiB() > 1.9 * one.vramGiB() && two.vramGiB() < 2 * one.vramGiB(), two.vramGiB() + " GiB");
        double overhead = COMPARE.settings().multiGpuOverheadPerExtraCard();
        assertEquals(one.decodeTokPerSec() / (1 + overhead), two.decodeTokPerSec(), 1e-9);
        assertEquals(2 * one.tdpWatts(), two.tdpWatts(), 1e-9);
        assertEquals(2 * one.priceUsd(), two.priceUsd(), 1e-9);
    }

    @Test
    void a70bThatSpillsFromOne3090FitsOnTwoAndOnTwoRunsFasterThanSplitWithRam() {
        var one = COMPARE.evaluate(CompareOption.Cards.of(card("rtx-3090")), request("llama-3.3-70b"));
        var two = COMPARE.evaluate(new CompareOption.Cards(card("rtx-3090"), 2, null), request("llama-3.3-70b"));
        assertEquals(Verdict.PARTIAL, one.fit());
        assertEquals(Verdict.FULL, two.fit());
        assertTrue(two.decodeTokPerSec() > 3 * one.decodeTokPerSec());
        assertTrue(one.verdict().startsWith("does not fit on the GPU: needs "), one.verdict());
        assertTrue(one.needGiB() > 24, "needs " + one.needGiB());
    }

    @Test
    void largestFullModelGrowsWithVramAndNothingBiggerFits() {
        var small = COMPARE.largestFullModel(COMPARE.hardware(CompareOption.Cards.of(card("rtx-4060-ti-8gb")))).orElseThrow();
        var big = COMPARE.largestFullModel(COMPARE.hardware(CompareOption.Cards.of(card("rtx-4090")))).orElseThrow();
        assertTrue(big.model().shape().parameterCount() > 3 * small.model().shape().parameterCount());
        assertEquals(Verdict.FULL, big.plan().verdict());
        // a model one size up from the 4090's answer does not sit fully on it
        var bigger = COMPARE.models().models().stream()
                .filter(m -> m.shape().parameterCount() > big.model().shape().parameterCount())
                .map(m -> new CompareRequest(m, COMPARE.quants().find("Q4_K_M").orElseThrow(), 8192, workload(), "x"))
                .map(r -> COMPARE.evaluate(CompareOption.Cards.of(card("rtx-4090")), r))
                .toList();
        assertFalse(bigger.isEmpty());
        bigger.forEach(r -> assertNotEquals(Verdict.FULL, r.fit()));
    }

    @Test
    void energyAndCostComeFromTheCostModelAtTheOptionsPriceWattsAndSpeed() {
        var r = COMPARE.evaluate(CompareOption.Cards.of(card("rtx-4090")).withPrice(1200.0), request("qwen3-32b"));
        assertEquals(Verdict.FULL, r.fit());
        assertEquals(1200.0, r.priceUsd());
        double watts = r.tdpWatts() * COMPARE.settings().loadFactor();
        assertEquals(watts, r.watts(), 1e-9);
        // 1 M tokens at s tok/s take 1e6/s seconds; at W watts that is W·1e6/s/3600 Wh
        assertEquals(watts * 1e6 / r.decodeTokPerSec() / 3600 / 1000, r.kwhPerMtok(), 1e-12);
        var expected = CostModel.evaluate(workload().with(HARDWARE_USD, 1200).with(WATTS_LOAD, watts)
                .with(TOK_PER_SEC, r.decodeTokPerSec()));
        assertEquals(expected.paybackMonths(), r.paybackMonths());
        assertEquals(expected.localUsdPerMtok(), r.localUsdPerMtok());
        assertEquals(37, r.cumulativeUsd().length);
        assertEquals(1200, r.cumulativeUsd()[0], 1e-9);
        assertTrue(r.verdict().matches("runs Qwen3 32B Q4_K_M fully at ~\\d+ tok/s; pays back in [0-9.]+ months "
                + "against Claude Haiku 4\\.5 at your volume.*"), r.verdict());
    }

    @Test
    void bestColumnsFlagTheCheaperAndTheFasterCard() {
        var cmp = COMPARE.compare(List.of(CompareOption.Cards.of(card("rtx-3090")).withPrice(700.0),
                CompareOption.Cards.of(card("rtx-5090"))), request("llama-3.1-8b"));
        assertTrue(cmp.best().isBest(BestColumns.Column.PRICE, 0));
        assertFalse(cmp.best().isBest(BestColumns.Column.PRICE, 1));
        assertTrue(cmp.best().isBest(BestColumns.Column.DECODE, 1));
        assertTrue(cmp.best().isBest(BestColumns.Column.VRAM, 1));
        assertTrue(cmp.best().isBest(BestColumns.Column.TDP, 0));
        assertTrue(cmp.best().ledBy(1).contains(BestColumns.Column.BANDWIDTH));
    }

    @Test
    void modelColumnsIgnoreOptionsWhereTheModelDoesNotRun() {
        var cmp = COMPARE.compare(List.of(CompareOption.Cards.of(card("rtx-4060-ti-16gb")),
                CompareOption.Cards.of(card("rtx-4090"))), request("llama-3.1-8b"));
        // the 4060 Ti draws less, so it wins watts; both run the model
        assertTrue(cmp.best().isBest(BestColumns.Column.WATTS, 0));
        assertTrue(cmp.best().isBest(BestColumns.Column.DECODE, 1));
    }

    @Test
    void thisMachineWithoutGpuRunsOnTheCpuAndIsAlreadyPaidFor() {
        var profile = new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of("avx2")),
                new MemoryInfo(64L << 30, 60L << 30, 80.0, FigureSource.USER), List.of(), List.of());
        var r = COMPARE.evaluate(new CompareOption.ThisMachine(profile, null), request("llama-3.1-8b"));
        assertEquals(Verdict.CPU, r.fit());
        assertEquals(0.0, r.priceUsd());
        assertNull(r.tdpWatts());
        assertNull(r.largestModelId());
        assertTrue(r.verdict().contains("power draw unknown"), r.verdict());
    }

    @Test
    void unifiedChipsCannotBeStacked() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> COMPARE.evaluate(new CompareOption.Cards(card("apple-m3-max"), 2, null), request("llama-3.1-8b")));
        assertTrue(e.getMessage().contains("unified-memory"));
    }
}
