package dev.breakeven.core.fit;

import java.util.List;

/**
 * The planner's answer. Layers are counted the way llama.cpp's {@code -ngl} counts them: the repeating blocks
 * plus one for the output layer, so a full offload of a 32-block model is 33/33.
 *
 * @param gpuFreeBytes  VRAM left after the plan and the headroom (negative when over); 0 without a GPU
 * @param hostFreeBytes RAM left after the plan and the headroom (negative when over)
 * @param gpu           the terms placed on the GPU
 * @param host          the terms placed in host memory
 */
public record FitPlan(
        Verdict verdict,
        int gpuLayers,
        int totalLayers,
        MemoryBreakdown memory,
        double decodeTokPerSec,
        double prefillTokPerSec,
        long gpuFreeBytes,
        long hostFreeBytes,
        boolean expertsOnCpu,
        MemoryParts gpu,
        MemoryParts host,
        List<String> notes) {

    public FitPlan {
        notes = List.copyOf(notes);
    }

    public boolean fits() {
        return verdict != Verdict.NONE;
    }
}
