package dev.breakeven.core.fit;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plan the app starts a llama-server runtime with, for one model file on one machine: the planner's request
 * and answer for a single chat stream, and the flags ({@link LlamaServerFlags}) that make llama.cpp do the same.
 * A mixture-of-experts model that does not fit the GPU whole keeps its experts in RAM when that is faster, as the
 * planner's own note suggests ({@code --n-cpu-moe}).
 */
public record RuntimeLaunchPlan(PlanRequest request, FitPlan plan, LlamaServerFlags flags) {

    /** The machine the runtime runs on: its planner target and whether it is Windows (how files load there). */
    public record Machine(HardwareTarget target, boolean windows) {
        public Machine {
            if (target == null) {
                throw new IllegalArgumentException("a machine needs a hardware target");
            }
        }

        public static Machine of(HardwareTarget target, String os) {
            return new Machine(target, os != null && os.toLowerCase(Locale.ROOT).contains("windows"));
        }
    }

    /**
     * What the user chose over the plan: {@code -ngl}, flash attention, KV cache type, {@code --mlock}. Empty
     * values leave the plan's choice.
     */
    public record Choices(OptionalInt gpuLayers, Optional<FlashAttention> flashAttention, Optional<KvCacheType> kvType,
                          boolean mlock) {
        public static final Choices NONE = new Choices(OptionalInt.empty(), Optional.empty(), Optional.empty(), false);

        public Choices {
            if (gpuLayers.isPresent() && gpuLayers.getAsInt() < 0) {
                throw new IllegalArgumentException("GPU layers (-ngl) must be 0 or more, not " + gpuLayers.getAsInt());
            }
        }
    }

    /**
     * Plans {@code model} at {@code contextSize} tokens, one stream, on {@code machine} for the current llama.cpp
     * runtime, then applies the user's {@code choices}.
     *
     * @throws IllegalArgumentException when the choices contradict each other (a quantized KV cache with flash
     *                                  attention off)
     */
    public static RuntimeLaunchPlan plan(FitPlanner planner, GgufModel model, int contextSize, Machine machine,
                                         Choices choices) {
        KvCacheType kv = choices.kvType().orElse(KvCacheType.F16);
        FlashAttention fa = choices.flashAttention().orElse(kv != KvCacheType.F16 ? FlashAttention.ON
                : ServingEngine.RUNTIME.defaultFlashAttention());
        PlanRequest request = PlanRequest.of(model.shape(), model.weights(), contextSize, machine.target())
                .withEngine(ServingEngine.RUNTIME, fa);
        if (kv != KvCacheType.F16) {
            if (!request.flashAttention()) {
                throw new IllegalArgumentException("a quantized KV cache (" + kv.cliName()
                        + ") needs flash attention on in llama.cpp");
            }
            request = request.withKvType(kv);
        }
        FitPlan plan = planner.plan(request);
        if (model.shape().isMixtureOfExperts() && machine.target().gpu() != null
                && (plan.verdict() == Verdict.PARTIAL || plan.verdict() == Verdict.CPU)) {
            PlanRequest experts = request.withExpertsOnCpu(true);
            FitPlan moe = planner.plan(experts);
            if (moe.fits() && moe.gpuLayers() >= plan.gpuLayers() && moe.decodeTokPerSec() > plan.decodeTokPerSec()) {
                request = experts;
                plan = moe;
            }
        }
        LlamaServerFlags flags = LlamaServerFlags.of(request, plan, 1, machine.windows());
        if (choices.gpuLayers().isPresent()) {
            flags = flags.withGpuLayers(choices.gpuLayers().getAsInt());
        }
        if (choices.mlock()) {
            flags = flags.withMlock(true);
        }
        return new RuntimeLaunchPlan(request, plan, flags);
    }

    /** One line for logs and pages: the target, the verdict and why each flag. */
    public String summary() {
        return request.target().label() + ", " + plan.verdict().word() + " (" + plan.gpuLayers() + "/"
                + plan.totalLayers() + " layers on the GPU): " + String.join("; ", flags.reasons());
    }
}
