package dev.breakeven.bench;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.Quant;
import dev.breakeven.core.models.QuantCatalog;

import java.util.List;

/**
 * Time to plan the Fit page's whole matrix: 30 models × 12 quants × 6 contexts (target: under 50 ms).
 * Run with {@code ./mvnw -o -q test-compile exec:exec -Dbench=FitMatrixBenchmark}.
 */
public final class FitMatrixBenchmark {
    private static final long GIB = 1L << 30;
    private static final int[] CONTEXTS = {2048, 4096, 8192, 16384, 32768, 131072};

    private FitMatrixBenchmark() {
    }

    public static void main(String[] args) {
        FitPlanner planner = FitPlanner.standard();
        List<CatalogModel> models = ModelCatalog.load().models().stream().limit(30).toList();
        List<Quant> quants = QuantCatalog.load().quants().stream().limit(12).toList();
        HardwareTarget target = HardwareTarget.withGpu(new GpuSpec("RTX 4090", 24 * GIB, 1008, 165, "cuda"),
                new HostSpec(64 * GIB, 80, 16));
        int plans = models.size() * quants.size() * CONTEXTS.length;
        long best = Long.MAX_VALUE;
        long checksum = 0;
        for (int round = 0; round < 30; round++) {
            long start = System.nanoTime();
            for (CatalogModel model : models) {
                for (Quant quant : quants) {
                    PlanRequest base = PlanRequest.of(model.shape(), ModelWeights.estimate(model, quant), 4096, target);
                    for (int ctx : CONTEXTS) {
                        FitPlan plan = planner.plan(base.withContext(ctx));
                        checksum += plan.gpuLayers();
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            if (round == 0) {
                System.out.printf("first (cold) round: %.1f ms%n", elapsed / 1e6);
            }
        }
        System.out.printf("FitMatrixBenchmark: %d models × %d quants × %d contexts = %d plans, best of 30 rounds %.2f ms "
                + "(%.1f µs per plan), target < 50 ms [checksum %d]%n", models.size(), quants.size(), CONTEXTS.length,
                plans, best / 1e6, best / 1e3 / plans, checksum);
    }
}
