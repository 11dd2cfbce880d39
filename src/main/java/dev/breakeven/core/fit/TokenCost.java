package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;

/**
 * Bytes read and FLOPs spent per token, split by device, for one placement. Decode reads every active
 * weight once per token (for MoE only the routed share of the experts) and the KV cache up to the current
 * depth; the token embedding is a single row lookup and is left out. {@code gpuExpertFlops}/{@code hostExpertFlops}
 * are the routed-expert part of {@code gpuFlops}/{@code hostFlops}: in a prompt micro-batch those matrices run as
 * many small GEMMs (one per expert) and get their own efficiency ({@link ThroughputModel#gpuPrefillSeconds}).
 * {@code gpuDenseWeightBytes}/{@code gpuExpertWeightBytes} are the block weights held on the GPU, which a prompt
 * micro-batch streams once ({@link #gpuStreamBytes}); the output matrix is not part of that stream, as a prompt only
 * needs the last token's logits (llama-bench's pp runs ask for no others).
 */
record TokenCost(long gpuBytes, long hostBytes, int gpuLayers, int hostLayers,
                 double gpuFlops, double hostFlops, long hostWeightBytes,
                 double gpuExpertFlops, double hostExpertFlops, long gpuDenseWeightBytes, long gpuExpertWeightBytes,
                 long hostExpertWeightBytes) {

    static TokenCost of(ModelShape shape, ModelWeights weights, Placement placement, int depth, KvCacheType kvType,
                        MemoryModel memory) {
        long gpuBytes = 0;
        long hostBytes = 0;
        long hostWeights = 0;
        double gpuFlops = 0;
        double hostFlops = 0;
        double gpuExpertFlops = 0;
        double hostExpertFlops = 0;
        long gpuDenseWeights = 0;
        long gpuExpertWeights = 0;
        long hostExpertWeights = 0;
        int gpuLayers = 0;
        int blocks = shape.blockCount();
        double routedShare = shape.isMixtureOfExperts() && shape.expertCount() > 0
                ? (double) shape.expertUsedCount() / shape.expertCount() : 1.0;
        double expertFlops = routedExpertFlopsPerLayer(shape);
        double denseFlops = denseFlopsPerLayer(shape, weights);
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
                gpuFlops += denseFlops + expertFlops + attentionFlops;
                gpuExpertFlops += expertFlops;
                gpuDenseWeights += dense;
                if (placement.expertsOnCpu()) {
                    hostBytes += routed;
                    hostWeights += experts;
                    hostExpertWeights += experts;
                } else {
                    gpuBytes += routed;
                    gpuExpertWeights += experts;
                }
            } else {
                hostBytes += dense + kv + routed;
                hostWeights += dense + experts;
                hostExpertWeights += experts;
                hostFlops += denseFlops + expertFlops + attentionFlops;
                hostExpertFlops += expertFlops;
            }
        }
        if (placement.outputOnGpu()) {
            gpuBytes += weights.outputBytes();
        } else {
            hostBytes += weights.outputBytes();
        }
        return new TokenCost(gpuBytes, hostBytes, gpuLayers, blocks - gpuLayers, gpuFlops, hostFlops, hostWeights,
                gpuExpertFlops, hostExpertFlops, gpuDenseWeights, gpuExpertWeights,
                hostExpertWeights);
    }

    /**
     * Weight bytes a GPU prompt micro-batch of {@code ubatch} tokens streams from memory: every dense weight on the
     * GPU once, and of the routed experts only those at least one token of the micro-batch chose. With routing
     * taken as uniform and independent, an expert is missed by all tokens with probability
     * {@code (1 − used/experts)^ubatch}; at 512 tokens every expert is touched, at micro-batch 1 only the used ones.
     */
    double gpuStreamBytes(ModelShape shape, int ubatch) {
        return gpuDenseWeightBytes + gpuExpertWeightBytes * touchedExpertShare(shape, ubatch);
    }

    /** The same stream for the block weights held in host RAM, which a CPU prompt micro-batch reads at RAM rate. */
    double hostStreamBytes(ModelShape shape, int ubatch) {
        return hostWeightBytes - hostExpertWeightBytes + hostExpertWeightBytes * touchedExpertShare(shape, ubatch);
    }

    /** Expected share of a layer's routed experts that at least one of {@code ubatch} tokens chose. */
    static double touchedExpertShare(ModelShape shape, int ubatch) {
        if (!shape.isMixtureOfExperts() || shape.expertCount() <= 0) {
            return 1;
        }
        double miss = 1.0 - (double) shape.expertUsedCount() / shape.expertCount();
        return 1.0 - Math.pow(Math.max(0, miss), Math.max(1, ubatch));
    }

    /** Parameters a token passes through in the blocks: active parameters less embedding and output. */
    static double activeBlockParameters(ModelShape shape, ModelWeights weights) {
        double embedding = (double) shape.vocabSize() * shape.embeddingLength();
        double output = weights.outputSharesEmbedding() ? 0 : embedding;
        return Math.max(0, shape.activeParameterCount() - embedding - output);
    }

    /** FLOPs per token and layer of the routed experts: gate, up and down of each chosen expert. */
    static double routedExpertFlopsPerLayer(ModelShape shape) {
        if (!shape.isMixtureOfExperts() || shape.expertFeedForwardLength() <= 0) {
            return 0;
        }
        return 2.0 * shape.expertUsedCount() * 3.0 * shape.embeddingLength() * shape.expertFeedForwardLength();
    }

    /**
     * FLOPs per token and layer outside the routed experts: the active block parameters less the routed experts,
     * but never less than the attention projections. The floor matters where a model card's "active" count leaves
     * out the embedding (gpt-oss: 3.61 B = experts + attention + unembedding), which would otherwise leave the
     * attention projections with nothing.
     */
    static double denseFlopsPerLayer(ModelShape shape, ModelWeights weights) {
        double block = 2.0 * activeBlockParameters(shape, weights) / shape.blockCount();
        double attention = 2.0 * shape.embeddingLength()
                * ((double) shape.headCount() * (shape.keyLength() + shape.valueLength())
                + (double) shape.headCountKv() * (shape.keyLength() + shape.valueLength()));
        return Math.max(block - routedExpertFlopsPerLayer(shape), attention);
    }

    /**
     * Tokens each expert sees in a micro-batch on average: {@code ubatch × experts used / experts}, the figure
     * llama.cpp's CUDA MMQ itself sizes its MoE tiles by ({@code ne12*n_expert_used/ne02} in ggml-cuda/mmq.cu).
     */
    static double tokensPerExpert(ModelShape shape, int ubatch) {
        if (!shape.isMixtureOfExperts() || shape.expertCount() <= 0) {
            return ubatch;
        }
        return (double) ubatch * shape.expertUsedCount() / shape.expertCount();
    }
}
