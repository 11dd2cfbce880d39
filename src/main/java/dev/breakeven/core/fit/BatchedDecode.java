package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;

/**
 * One decode step for {@code batch} streams. Each step reads the weights once for the whole batch (bandwidth-bound
 * at batch 1) and each stream's own KV cache; its matrix work grows with the batch, so the step becomes
 * compute-bound as the batch grows. For MoE layers a step reads the experts any token of the batch routed to:
 * with {@code k} of {@code E} experts chosen per token, {@code E·(1 − (1 − k/E)^B)} of them in expectation.
 * On a GPU the two add: {@code bytes / (efficiency · bandwidth) + batch · flops per token / prefill rate + layers ·
 * per-layer time}; published multi-sequence runs (llama-batched-bench, docs/fit.md) grow by a steady amount per extra
 * sequence from one on, with no flat bandwidth-bound stretch a {@code max} would give.
 * On the CPU one stream keeps {@code max(bytes / (efficiency · bandwidth), flops / compute rate) + layers · per-layer
 * time}, but from two streams on the same cores both stream the weights and do the
 * matrix work, so the two add: {@code bytes / (efficiency · bandwidth) + (batch + h) · flops per token / prompt rate
 * + layers · per-layer time}, each stream's flops counting its own output projection (every stream needs its logits)
 * and {@code h} ({@link PlannerConstants#cpuBatchOverheadTokens(double)}: 3 tokens for 8-bit weights, 1 for 4-bit
 * ones, which llama.cpp runs through repacked multi-row kernels) the small-batch kernels' extra cost, fitted on
 * {@code llama-server -np N} measured on a 2-core AVX2 machine (docs/fit.md, CpuParallelSlotsTest).
 */
final class BatchedDecode {
    private static final double GIGA = 1e9;

    private BatchedDecode() {
    }

    /** Share of a layer's experts a batch reads (1 for dense layers). */
    static double expertShareRead(ModelShape shape, int batch) {
        if (!shape.isMixtureOfExperts() || shape.expertCount() == 0) {
            return 1;
        }
        double p = Math.min(1, (double) shape.expertUsedCount() / shape.expertCount());
        return 1 - Math.pow(1 - p, batch);
    }

    static double stepSeconds(PlanRequest request, Placement placement, int batch, MemoryModel memory,
                              ThroughputModel throughput) {
        ModelShape shape = request.shape();
        ModelWeights weights = request.weights();
        int depth = request.decodeDepth();
        double share = expertShareRead(shape, batch);
        double gpuBytes = 0;
        double hostBytes = 0;
        int gpuLayers = 0;
        for (int layer = 0; layer < shape.blockCount(); layer++) {
            long experts = weights.layerExpertBytes(layer);
            long dense = weights.layerBytes(layer) - experts;
            double kv = (double) batch * memory.kvReadBytes(shape, layer, depth, request.kvType());
            if (placement.blockOnGpu(layer)) {
                gpuLayers++;
                gpuBytes += dense + kv;
                if (placement.expertsOnCpu()) {
                    hostBytes += experts * share;
                } else {
                    gpuBytes += experts * share;
                }
            } else {
                hostBytes += dense + kv + experts * share;
            }
        }
        if (placement.outputOnGpu()) {
            gpuBytes += weights.outputBytes();
        } else {
            hostBytes += weights.outputBytes();
        }
        TokenCost perToken = TokenCost.of(shape, weights, placement, depth, request.kvType(), memory);
        HardwareTarget target = request.target();
        int hostLayers = shape.blockCount() - gpuLayers;
        double cpuRate = throughput.factors("cpu").prefillEfficiency() * target.host().cpuCores() * GIGA
                * target.host().prefillScale();
        double cpuPerLayer = target.host().perLayerSecondsOr(throughput.factors("cpu").perLayerSeconds());
        double seconds;
        if (batch >= 2 && (hostLayers > 0 || !placement.outputOnGpu())) {
            double hostFlops = perToken.hostFlops()
                    + (placement.outputOnGpu() ? 0 : 2.0 * shape.vocabSize() * shape.embeddingLength());
            double overhead = memory.constants().cpuBatchOverheadTokens(blockBitsPerWeight(shape, weights));
            seconds = additive(throughput, "cpu", target.host().bandwidthGBps(), hostBytes, hostFlops, cpuRate,
                    batch + overhead, hostLayers, cpuPerLayer);
        } else {
            seconds = device(throughput, "cpu", target.host().bandwidthGBps(), hostBytes,
                    batch * perToken.hostFlops(), cpuRate, hostLayers, cpuPerLayer);
        }
        GpuSpec gpu = target.gpu();
        if (gpu != null && placement.gpuLayers() > 0) {
            double gpuRate = gpu.fp16Tflops() > 0
                    ? throughput.factors(gpu.backend()).prefillEfficiency() * gpu.fp16Tflops() * 1e12 : 0;
            seconds += additive(throughput, gpu.backend(), gpu.bandwidthGBps(), gpuBytes, perToken.gpuFlops(),
                    gpuRate, batch, gpuLayers, throughput.factors(gpu.backend()).perLayerSeconds());
        }
        return seconds;
    }

    /** Bits per weight of the repeating blocks (8.5, Q8_0's, where the header gives no parameter count). */
    static double blockBitsPerWeight(ModelShape shape, ModelWeights weights) {
        double embedding = (double) shape.vocabSize() * shape.embeddingLength();
        double params = shape.parameterCount() - embedding - (weights.outputSharesEmbedding() ? 0 : embedding);
        long bytes = 0;
        for (int layer = 0; layer < weights.layerCount(); layer++) {
            bytes += weights.layerBytes(layer);
        }
        return params > 0 && bytes > 0 ? 8.0 * bytes / params : 8.5;
    }

    /**
     * A step that streams the weights once and does {@code computeTokens} tokens' matrix work on top: on a GPU
     * llama.cpp's small-batch kernels (mmvq/mmq for B up to a few dozen) do not hide the extra columns behind the
     * weight reads; on the CPU the same cores do both (there {@code computeTokens} carries the small-batch overhead).
     */
    private static double additive(ThroughputModel throughput, String backend, double bandwidthGBps, double bytes,
                                   double flopsPerToken, double flopsPerSecond, double computeTokens, int layers,
                                   double perLayerSeconds) {
        if (bytes == 0 && layers == 0) {
            return 0;
        }
        BackendFactors f = throughput.factors(backend);
        double memory = bytes / (f.decodeEfficiency() * bandwidthGBps * GIGA);
        double compute = flopsPerSecond > 0 ? computeTokens * flopsPerToken / flopsPerSecond : 0;
        return memory + compute + layers * perLayerSeconds;
    }

    private static double device(ThroughputModel throughput, String backend, double bandwidthGBps, double bytes,
                                 double flops, double flopsPerSecond, int layers, double perLayerSeconds) {
        if (bytes == 0 && layers == 0) {
            return 0;
        }
        BackendFactors f = throughput.factors(backend);
        double memory = bytes / (f.decodeEfficiency() * bandwidthGBps * GIGA);
        double compute = flopsPerSecond > 0 ? flops / flopsPerSecond : 0;
        return Math.max(memory, compute) + layers * perLayerSeconds;
    }
}
