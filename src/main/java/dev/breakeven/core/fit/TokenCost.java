package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;

/**
 * Bytes read and FLOPs spent per token, split by device, for one placement. Decode reads every active
 * weight once per token (for MoE only the routed share of the experts) and the KV cache up to the current
 * depth; the token embedding is a single row lookup and is left out.
 */
record TokenCost(long gpuBytes, long hostBytes, int gpuLayers, int hostLayers,
                 double gpuFlops, double hostFlops, long hostWeightBytes) {

    static TokenCost of(ModelShape shape, ModelWeights weights, Placement placement, int depth, KvCacheType kvType,
                        MemoryModel memory) {
        long gpuBytes = 0;
        long hostBytes = 0;
        long hostWeights = 0;
        double gpuFlops = 0;
        double hostFlops = 0;
        int gpuLayers = 0;
        int blocks = shape.blockCount();
        double routedShare = shape.isMixtureOfExperts() && shape.expertCount() > 0
                ? (double) shape.expertUsedCount() / shape.expertCount() : 1.0;
        double layerWeightFlops = 2.0 * activeBlockParameters(shape, weights) / blocks;
        for (int layer = 0; layer < blocks; layer++) {
            long experts = weights.layerExpertBytes(layer);
            long dense = weights.layerBytes(layer) - experts;
            long routed = Math.round(experts * routedShare);
            long kv = memory.kvReadBytes(shape, layer, depth, kvType);
            long attnDepth = MemoryModel.isSlidingWindowLayer(shape, layer)
                    ? Math.min(depth, shape.slidingWindow()) : depth;
            double attentionFlops = 2.0 * attnDepth * shape.headCount() * (shape.keyLength() + shape.valueLength());
            if (placement.blockOnGpu(layer)) {
                gpuLayers++;
                gpuBytes += dense + kv;
                gpuFlops += layerWeightFlops + attentionFlops;
                if (placement.expertsOnCpu()) {
                    hostBytes += routed;
                    hostWeights += experts;
                } else {
                    gpuBytes += routed;
                }
            } else {
                hostBytes += dense + kv + routed;
                hostWeights += dense + experts;
                hostFlops += layerWeightFlops + attentionFlops;
            }
        }
        if (placement.outputOnGpu()) {
            gpuBytes += weights.outputBytes();
        } else {
            hostBytes += weights.outputBytes();
        }
        return new TokenCost(gpuBytes, hostBytes, gpuLayers, blocks - gpuLayers, gpuFlops, hostFlops, hostWeights);
    }

    /** Parameters a token passes through in the blocks: active parameters less embedding and output. */
    static double activeBlockParameters(ModelShape shape, ModelWeights weights) {
        double embedding = (double) shape.vocabSize() * shape.embeddingLength();
        double output = weights.outputSharesEmbedding() ? 0 : embedding;
        return Math.max(0, shape.activeParameterCount() - embedding - output);
    }
}
