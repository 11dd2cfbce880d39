package dev.breakeven.bench;

import dev.breakeven.core.compare.CompareOption;
import dev.breakeven.core.compare.CompareRequest;
import dev.breakeven.core.compare.GpuComparison;
import dev.breakeven.core.compare.ValueScatter;
import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;

import java.util.List;
import java.util.Locale;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * What one Compare page refresh costs off the FX thread: four options (with the largest-model search) plus the
 * value scatter over the whole GPU catalog. Target: under 100 ms, so typing in a field feels live.
 * Run with {@code ./mvnw -o -q test-compile exec:exec -Dbench=CompareBenchmark}.
 */
public final class CompareBenchmark {
    private CompareBenchmark() {
    }

    public static void main(String[] args) {
        long coldStart = System.nanoTime();
        GpuComparison engine = GpuComparison.standard();
        double coldMs = (System.nanoTime() - coldStart) / 1e6;
        var gpus = engine.gpus();
        List<CompareOption> options = List.of(
                CompareOption.Cards.of(gpus.byId("rtx-3090").orElseThrow()),
                new CompareOption.Cards(gpus.byId("rtx-3090").orElseThrow(), 2, null),
                CompareOption.Cards.of(gpus.byId("rtx-5090").orElseThrow()),
                CompareOption.Cards.of(gpus.byId("apple-m4-max").orElseThrow()).withPrice(3500.0));
        PointInputs p = PointInputs.blank().with(API_INPUT_PRICE, 1).with(API_OUTPUT_PRICE, 5).with(API_CACHED_PRICE, 1)
                .with(INPUT_TOKENS_PER_DAY, 2e6).with(OUTPUT_TOKENS_PER_DAY, 1e6)
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH).with(AMORTIZE_MONTHS, 36)
                .with(LOAD_HOURS, 8).with(KWH_USD, 0.17);
        CompareRequest request = new CompareRequest(engine.models().find("qwen3-32b").orElseThrow(),
                engine.quants().find("Q4_K_M").orElseThrow(), 8192, p, "Claude Haiku 4.5");
        long bestCompare = Long.MAX_VALUE;
        long bestScatter = Long.MAX_VALUE;
        int points = 0;
        for (int round = 0; round < 30; round++) {
            long a = System.nanoTime();
            engine.compare(options, request);
            long b = System.nanoTime();
            points = ValueScatter.points(engine, request).size();
            long c = System.nanoTime();
            bestCompare = Math.min(bestCompare, b - a);
            bestScatter = Math.min(bestScatter, c - b);
        }
        System.out.printf(Locale.ROOT, "catalogs + calibration load: %.1f ms (once)%n", coldMs);
        System.out.printf(Locale.ROOT, "compare 4 options: %.2f ms (best of 30)%n", bestCompare / 1e6);
        System.out.printf(Locale.ROOT, "value scatter, %d cards: %.2f ms (best of 30)%n", points, bestScatter / 1e6);
        System.out.printf(Locale.ROOT, "page refresh total: %.2f ms (target < 100 ms)%n", (bestCompare + bestScatter) / 1e6);
    }
}
