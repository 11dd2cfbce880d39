package dev.breakeven.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The llama-server flags a plan decides, in llama.cpp's current spelling: slots, GPU layers, MoE experts kept in RAM,
 * flash attention, KV cache types and how the file is loaded. One source for {@code fit --export llama-server} and
 * for the runtime the app starts itself (Chat, {@code bench}, {@code chat}), so both run what the planner planned.
 *
 * @param parallel       slots ({@code -np})
 * @param gpuLayers      {@code -ngl}: layers on the GPU in llama.cpp's count; 0 without a GPU
 * @param allLayers      every layer fits: written as {@code -ngl 999}, robust to a count that differs by one
 * @param cpuMoeLayers   {@code --n-cpu-moe}: blocks whose MoE experts stay in RAM (0 = none)
 * @param flashAttention {@code -fa on|off}, as planned rather than left to the server's {@code auto}
 * @param kvType         {@code -ctk}/{@code -ctv} when not f16
 * @param noMmap         {@code --no-mmap}: read the file instead of mapping it ({@link #of} says when)
 * @param mlock          {@code --mlock}: never derived (most desktops' memlock limit is a few MiB, so llama.cpp only
 *                       warns); set by the user
 * @param reasons        why each choice was made, for logs and pages
 */
public record LlamaServerFlags(int parallel, int gpuLayers, boolean allLayers, int cpuMoeLayers,
                               boolean flashAttention, KvCacheType kvType, boolean noMmap, boolean mlock,
                               List<String> reasons) {
    /** What {@code -ngl} says for "every layer", as the export always wrote it. */
    public static final int ALL_LAYERS = 999;

    public LlamaServerFlags {
        if (parallel < 1 || parallel > PlanRequest.MAX_PARALLEL) {
            throw new IllegalArgumentException("slots must be between 1 and " + PlanRequest.MAX_PARALLEL);
        }
        if (gpuLayers < 0 || cpuMoeLayers < 0) {
            throw new IllegalArgumentException("GPU layers and MoE layers cannot be negative");
        }
        if (kvType == null) {
            kvType = KvCacheType.F16;
        }
        if (!flashAttention && kvType != KvCacheType.F16) {
            throw new IllegalArgumentException("a quantized V cache needs flash attention in llama.cpp");
        }
        reasons = List.copyOf(reasons);
    }

    /**
     * The flags for {@code plan} of {@code request} with {@code slots} slots. {@code windows}: the server runs on
     * Windows, where a CUDA load through mmap is slow, so such a GPU load reads the file instead (Ollama's rule
     * for its own llama.cpp runner).
     */
    public static LlamaServerFlags of(PlanRequest request, FitPlan plan, int slots, boolean windows) {
        List<String> reasons = new ArrayList<>();
        boolean gpu = request.target().gpu() != null;
        int layers = gpu ? plan.gpuLayers() : 0;
        boolean all = gpu && plan.gpuLayers() == plan.totalLayers();
        int moe = gpu && plan.expertsOnCpu() && layers > 0 ? request.shape().blockCount() : 0;
        reasons.add(!gpu ? "no GPU in the plan: every layer on the CPU"
                : all ? String.format(Locale.ROOT, "all %d layers fit on %s", plan.totalLayers(),
                request.target().gpu().name())
                : String.format(Locale.ROOT, "%d of %d layers fit on %s", layers, plan.totalLayers(),
                request.target().gpu().name()));
        if (moe > 0) {
            reasons.add("MoE experts of every block stay in RAM, attention goes to the GPU");
        }
        reasons.add("flash attention " + (request.flashAttention() ? "on" : "off") + " as planned for "
                + (gpu ? request.target().gpu().backend() : "the CPU"));
        if (request.kvType() != KvCacheType.F16) {
            reasons.add(request.kvType().cliName() + " KV cache as planned");
        }
        boolean noMmap = windows && gpu && layers > 0 && "cuda".equals(request.target().gpu().backend());
        if (noMmap) {
            reasons.add("Windows + CUDA: the file is read rather than memory-mapped (mmap loads slowly there)");
        }
        return new LlamaServerFlags(slots, layers, all, moe, request.flashAttention(), request.kvType(), noMmap, false,
                reasons);
    }

    /** The command-line words, e.g. {@code -np 1 -ngl 999 -fa on}. */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of("-np", Integer.toString(parallel),
                "-ngl", Integer.toString(allLayers ? ALL_LAYERS : gpuLayers)));
        if (cpuMoeLayers > 0) {
            a.addAll(List.of("--n-cpu-moe", Integer.toString(cpuMoeLayers)));
        }
        a.addAll(List.of("-fa", flashAttention ? "on" : "off"));
        if (kvType != KvCacheType.F16) {
            a.addAll(List.of("-ctk", kvType.cliName(), "-ctv", kvType.cliName()));
        }
        if (noMmap) {
            a.add("--no-mmap");
        }
        if (mlock) {
            a.add("--mlock");
        }
        return List.copyOf(a);
    }

    /** The user's {@code -ngl} instead of the plan's. */
    public LlamaServerFlags withGpuLayers(int layers) {
        List<String> why = new ArrayList<>(reasons);
        why.set(0, "-ngl " + layers + " as you asked (the plan said " + (allLayers ? "all" : gpuLayers) + ")");
        return new LlamaServerFlags(parallel, layers, false, layers == 0 ? 0 : cpuMoeLayers, flashAttention, kvType,
                noMmap, mlock, why);
    }

    /** With {@code --mlock} as the user asked. */
    public LlamaServerFlags withMlock(boolean on) {
        List<String> why = new ArrayList<>(reasons);
        if (on) {
            why.add("--mlock as you asked");
        }
        return new LlamaServerFlags(parallel, gpuLayers, allLayers, cpuMoeLayers, flashAttention, kvType, noMmap, on,
                why);
    }
}
