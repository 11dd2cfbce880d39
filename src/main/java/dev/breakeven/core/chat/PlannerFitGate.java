package dev.breakeven.core.chat;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufWeights;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Verdict;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.models.ModelShape;

import java.util.Optional;

/** The fit planner's verdict as a load check: a file the planner says will not fit is refused with its reason. */
public final class PlannerFitGate implements ModelPreflight.FitGate {
    private final FitPlanner planner;
    private final HardwareTarget target;

    public PlannerFitGate(FitPlanner planner, HardwareTarget target) {
        this.planner = planner;
        this.target = target;
    }

    /**
     * The embedded engine's bundled natives run on the CPU, so the target is this machine's free RAM and cores
     * (a GPU build would plan against the GPU; see docs/gpu-build.md).
     */
    public static PlannerFitGate cpuOnly(long availableRamBytes) {
        FitPlanner planner = FitPlanner.standard();
        HostSpec host = new HostSpec(availableRamBytes, planner.memory().constants().fallbackHostBandwidthGBps(),
                Runtime.getRuntime().availableProcessors());
        return new PlannerFitGate(planner, HardwareTarget.cpuOnly(host));
    }

    @Override
    public Optional<String> refusal(GgufFile header, int contextSize) {
        FitPlan plan;
        try {
            ModelShape shape = GgufModelShapes.from(header);
            plan = planner.plan(PlanRequest.of(shape, GgufWeights.of(header, shape.blockCount(), shape.architecture()),
                    contextSize, target));
        } catch (RuntimeException e) {
            return Optional.empty(); // the planner cannot judge this header; the plain memory check still runs
        }
        if (plan.verdict() != Verdict.NONE) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", plan.notes()) + ". Try a smaller context, a smaller quantization "
                + "(e.g. Q4_K_M) or a smaller model.");
    }
}
