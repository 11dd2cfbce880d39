package dev.breakeven.core.fit;

/**
 * The planner's fixed terms, read from {@code catalog/fit-calibration.json} with their sources.
 *
 * @param gpuRuntimeOverheadBytes  memory the GPU runtime takes before any buffer (CUDA context, cuBLAS workspace)
 * @param hostRuntimeOverheadBytes host memory of the process itself (code, tokenizer, buffers outside ggml)
 * @param kvCellPadding            llama.cpp rounds the KV cache size up to a multiple of this many cells
 * @param activationFloatsPerHidden compute-buffer f32 values per micro-batch token per unit of hidden size
 * @param activationFloatsPerFfn    compute-buffer f32 values per micro-batch token per unit of (active) FFN size
 * @param pcieGBps                  host-to-GPU copy rate llama.cpp achieves when it streams host-resident layers
 *                                  to the GPU for large prompt batches
 * @param fallbackHostBandwidthGBps host memory bandwidth assumed when nothing better is known
 */
public record PlannerConstants(
        long gpuRuntimeOverheadBytes,
        long hostRuntimeOverheadBytes,
        int kvCellPadding,
        double activationFloatsPerHidden,
        double activationFloatsPerFfn,
        double pcieGBps,
        double fallbackHostBandwidthGBps,
        String source) {
}
