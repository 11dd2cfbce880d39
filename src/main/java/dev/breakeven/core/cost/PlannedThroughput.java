package dev.breakeven.core.cost;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.ModelWeights;
import dev.breakeven.core.fit.ParallelEstimate;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.CatalogGpu;
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

    /**
     * What the planner says, and whether the model fits on the card (a partial fit is far slower).
     *
     * @param tokPerSec    aggregate decode of all {@code streams} together: the rate capacity and rigs use
     * @param perStreamTokPerSec what each of the streams sees
     * @param maxStreams   the most streams whose KV caches still fit beside the weights
     */
    public record Prediction(double tokPerSec, boolean fitsOnGpu, String verdict, int streams,
                             double perStreamTokPerSec, int maxStreams) {
    }

    public static Optional<Prediction> predict(FitPlanner planner, CatalogGpu card, CatalogModel model, Quant quant) {
        return predict(planner, card, model, quant, 1);
    }

    /** The aggregate decode of {@code streams} concurrent users (llama-server {@code -np}), each at the quoted context. */
    public static Optional<Prediction> predict(FitPlanner planner, CatalogGpu card, CatalogModel model, Quant quant,
                                               int streams) {
        try {
            HostSpec host = new HostSpec(HOST_RAM_BYTES,
                    planner.memory().constants().fallbackHostBandwidthGBps(), HOST_CORES);
            PlanRequest request = PlanRequest.of(model.shape(), ModelWeights.estimate(model, quant),
                    Math.min(CONTEXT_TOKENS, Math.max(1, model.maxContext())), HardwareTargets.fromCatalog(card, host))
                    .withParallel(streams);
            FitPlan plan = planner.plan(request);
            if (!(plan.decodeTokPerSec() > 0)) {
                return Optional.empty();
            }
            ParallelEstimate parallel = planner.parallel(request);
            return Optional.of(new Prediction(parallel.aggregateDecodeTokPerSec(),
                    plan.gpuLayers() == plan.totalLayers(), plan.verdict().toString(), streams,
                    parallel.perUserDecodeTokPerSec(), parallel.maxSlots()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
