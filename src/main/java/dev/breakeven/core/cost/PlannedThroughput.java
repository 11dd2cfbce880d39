package dev.breakeven.core.cost;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.GpuSpec;
import dev.breakeven.core.models.Quant;

import java.util.Optional;

/**
 * The throughput input "from the planner": the fit planner's predicted decode speed for a catalog model and
 * quantization on a catalog card, in front of a nominal host (64 GiB RAM, 8 cores, the planner's default RAM
 * bandwidth) so the card, not this machine, decides.
 */
public final class PlannedThroughput {
    /** The context the speed is quoted at: a typical chat, not the model's maximum. */
    public static final int CONTEXT_TOKENS = 8192;
    private static final long HOST_RAM_BYTES = 64L * 1024 * 1024 * 1024;
    private static final int HOST_CORES = 8;

    private PlannedThroughput() {
    }

    /** What the planner says, and whether the model fits on the card (a partial fit is far slower). */
    public record Prediction(double tokPerSec, boolean fitsOnGpu, String verdict) {
    }

    public static Optional<Prediction> predict(FitPlanner planner, GpuSpec card, CatalogModel model, Quant quant) {
        try {
            HostSpec host = new HostSpec(HOST_RAM_BYTES,
                    planner.memory().constants().fallbackHostBandwidthGBps(), HOST_CORES);
            PlanRequest request = PlanRequest.of(model.shape(), ModelWeights.estimate(model, quant),
                    Math.min(CONTEXT_TOKENS, Math.max(1, model.maxContext())), HardwareTargets.fromCatalog(card, host));
            FitPlan plan = planner.plan(request);
            if (!(plan.decodeTokPerSec() > 0)) {
                return Optional.empty();
            }
            return Optional.of(new Prediction(plan.decodeTokPerSec(), plan.gpuLayers() == plan.totalLayers(),
                    plan.verdict().toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
