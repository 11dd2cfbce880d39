package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;

/**
 * The memory terms llama.cpp allocates besides the weights: KV cache per layer and the compute buffer.
 * Formulas and sources are in docs/fit.md.
 */
public final class MemoryModel {
    private static final int F32 = 4;
    private static final int F16 = 2;

    private final PlannerConstants constants;

    public MemoryModel(PlannerConstants constants) {
        this.constants = constants;
    }

    /** KV cells llama.cpp allocates for a context: padded up to a multiple of the cell padding. */
    public long kvCells(int contextLength) {
        long pad = constants.kvCellPadding();
        return (contextLength + pad - 1) / pad * pad;
    }

    /**
     * Cells of one layer's cache. Sliding-window layers get their own smaller cache of
     * {@code window + ubatch} cells (padded), never more than the full one.
     */
    public long layerCells(ModelShape shape, int layer, int contextLength, int ubatch) {
        long full = kvCells(contextLength);
        if (isSlidingWindowLayer(shape, layer)) {
            long pad = constants.kvCellPadding();
            long swa = ((long) shape.slidingWindow() + ubatch + pad - 1) / pad * pad;
            return Math.min(full, swa);
        }
        return full;
    }

    /**
     * Which layers use the sliding window. Architectures interleave them with full-attention layers; we take
     * the first {@code slidingWindowLayers} of each repeating group, which gives the right count and a fair
     * spread (the exact pattern only matters for partial offload, where it moves a few MB between devices).
     */
    public static boolean isSlidingWindowLayer(ModelShape shape, int layer) {
        int sliding = shape.slidingWindowLayers();
        if (sliding == 0 || shape.slidingWindow() == 0) {
            return false;
        }
        if (sliding == shape.blockCount()) {
            return true;
        }
        int full = shape.blockCount() - sliding;
        // spread full-attention layers evenly: layer i is full when it closes one of `full` equal groups
        long groupEnd = (long) (layer + 1) * full / shape.blockCount();
        long groupStart = (long) layer * full / shape.blockCount();
        return groupEnd == groupStart;
    }

    public long layerKvBytes(ModelShape shape, int layer, int contextLength, int ubatch, KvCacheType type) {
        return type.bytes(layerCells(shape, layer, contextLength, ubatch) * shape.kvElementsPerTokenPerLayer());
    }

    public long kvCacheBytes(ModelShape shape, int contextLength, int ubatch, KvCacheType type) {
        long total = 0;
        for (int layer = 0; layer < shape.blockCount(); layer++) {
            total += layerKvBytes(shape, layer, contextLength, ubatch, type);
        }
        return total;
    }

    /** KV bytes read per generated token at a given depth (window-capped on sliding layers). */
    public long kvReadBytes(ModelShape shape, int layer, int depth, KvCacheType type) {
        long cells = isSlidingWindowLayer(shape, layer) ? Math.min(depth, shape.slidingWindow()) : depth;
        return type.bytes(cells * shape.kvElementsPerTokenPerLayer());
    }

    /**
     * The compute buffer of the device that runs the graph: activations of one micro-batch, the attention
     * mask ({@code cells × ubatch} f16 with flash attention) and, without flash attention, the f32 score
     * matrix of every head ({@code cells × ubatch × heads}), plus the logits of one output row.
     */
    public long computeBytes(ModelShape shape, int contextLength, int ubatch, boolean flashAttention) {
        long cells = kvCells(contextLength);
        double ffn = shape.isMixtureOfExperts()
                ? (double) shape.expertFeedForwardLength() * shape.expertUsedCount()
                : shape.feedForwardLength();
        double activations = (double) F32 * ubatch
                * (constants.activationFloatsPerHidden() * shape.embeddingLength()
                + constants.activationFloatsPerFfn() * ffn);
        long attention = flashAttention
                ? cells * ubatch * F16
                : cells * ubatch * (long) F32 * (shape.headCount() + 1);
        long logits = (long) F32 * shape.vocabSize();
        return Math.round(activations) + attention + logits;
    }

    /** The small host-side buffer llama.cpp keeps when the graph runs on the GPU: input embeddings and outputs. */
    public long hostStagingBytes(ModelShape shape, int ubatch) {
        return (long) F32 * ubatch * shape.embeddingLength() + (long) F32 * shape.vocabSize();
    }

    public PlannerConstants constants() {
        return constants;
    }
}
