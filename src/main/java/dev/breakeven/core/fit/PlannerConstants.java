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
 * @param cpuBatchOverheadTokens    a batched decode step on the CPU (two or more streams) costs the weights read
 *                                  once plus, for each stream, its token's matrix work at the prompt rate, plus this
 *                                  many tokens' worth of matrix work more (fitted on {@code llama-server -np N})
 */
public record PlannerConstants(
        long gpuRuntimeOverheadBytes,
        long hostRuntimeOverheadBytes,
        int kvCellPadding,
        double activationFloatsPerHidden,
        double activationFloatsPerFfn,
        double pcieGBps,
        double fallbackHostBandwidthGBps,
        double cpuBatchOverheadTokens,
        String source) {
}
