package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.SsmMixer;

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

    /** A layer's cache: its KV cells, or on a recurrent layer the fixed f32 state of one sequence (estimated). */
    public long layerKvBytes(ModelShape shape, int layer, int contextLength, int ubatch, KvCacheType type) {
        if (shape.isRecurrentLayer(layer)) {
            return shape.recurrentStateBytesPerLayer();
        }
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
        if (shape.isRecurrentLayer(layer)) {
            // the state is read (and written) once per token whatever the depth
            return shape.recurrentStateBytesPerLayer();
        }
        long cells = isSlidingWindowLayer(shape, layer) ? Math.min(depth, shape.slidingWindow()) : depth;
        return type.bytes(cells * shape.kvElementsPerTokenPerLayer());
    }

    /**
     * The compute buffer of the device that runs the graph, for one output row per sequence (current llama.cpp).
     */
    public long computeBytes(ModelShape shape, int contextLength, int ubatch, boolean flashAttention) {
        return computeBytes(shape, contextLength, ubatch, flashAttention, 1, ServingEngine.RUNTIME);
    }

    public long computeBytes(ModelShape shape, int contextLength, int ubatch, boolean flashAttention,
                             int outputRows) {
        return computeBytes(shape, contextLength, ubatch, flashAttention, outputRows, ServingEngine.RUNTIME);
    }

    /**
     * The compute buffer for a graph sized for {@code outputRows} rows of logits. ggml's graph allocator reuses
     * memory, so the buffer is the largest of three peaks (docs/fit.md, fitted to llama.cpp's reports):
     * <ul>
     * <li>a layer's FFN: {@code 4·ubatch·(a_h·hidden + a_f·ffn)} f32 activations, plus the attention masks
     * ({@code cells × ubatch}, f16 with flash attention, f32 without) that stay live through every layer;</li>
     * <li>without flash attention, a layer's attention: the f32 scores of every head
     * ({@code cells × ubatch × heads}) and the rows around them, plus the masks;</li>
     * <li>the output stage: the logits rows and two hidden-sized tensors (the masks are no longer live).</li>
     * </ul>
     * Models with sliding-window layers keep a second mask over the window's cells, and their attention peak is
     * the larger of a full layer and a window layer.
     */
    public long computeBytes(ModelShape shape, int contextLength, int ubatch, boolean flashAttention,
                             int outputRows, ServingEngine engine) {
        long cells = kvCells(contextLength);
        boolean sliding = shape.slidingWindowLayers() > 0 && shape.slidingWindow() > 0;
        long windowCells = sliding ? Math.min(cells, swaCells(shape, ubatch)) : 0;
        boolean fullLayers = !sliding || shape.slidingWindowLayers() < shape.blockCount();
        double ffn = shape.isMixtureOfExperts()
                ? (double) shape.expertFeedForwardLength() * shape.expertUsedCount()
                : shape.feedForwardLength();
        long hiddenRow = (long) F32 * ubatch * shape.embeddingLength();
        int maskBytes = flashAttention ? F16 : F32;
        // a pure SSM has no attention: no masks, no scores; recurrent mixers have their own peak (mixerStage)
        long mask = shape.isPureRecurrent() ? 0 : ((fullLayers ? cells : 0) + windowCells) * ubatch * maskBytes;
        long ffnStage = Math.round((double) F32 * ubatch
                * (constants.activationFloatsPerHidden() * shape.embeddingLength()
                + constants.activationFloatsPerFfn() * ffn));
        long attentionStage = 0;
        if (shape.mlaLatentLength() > 0 && engine == ServingEngine.RUNTIME) {
            // MLA attends in the latent space: the absorbed query (heads × rank), the query with its rope part
            // (heads × (rank + rope)) and the latent output (heads × rank) are live together, f32, whatever the
            // context; without flash attention the scores come on top. Checked on two sparse deepseek2 shapes
            // (src/test/resources/fit/llama-server-mla.json, docs/fit.md)
            long rank = shape.valueLength();
            long latentStage = (long) F32 * ubatch * shape.headCount() * (rank + 2L * shape.mlaLatentLength());
            long scores = flashAttention ? 0 : cells * ubatch * (long) F32 * shape.headCount();
            attentionStage = scores + latentStage;
        } else if (!flashAttention && !shape.isPureRecurrent()) {
            long scoredCells = fullLayers ? cells : windowCells;
            long scores = scoredCells * ubatch * (long) F32 * shape.headCount();
            if (engine == ServingEngine.BUILTIN) {
                attentionStage = scores + 4 * hiddenRow;
            } else {
                // current llama.cpp also holds Q (2 rows; Gemma scales Q into a third), the new K and V rows
                // and three hidden rows; fitted to llama-server's reports for llama, qwen3, gemma3 and gpt-oss
                // shapes (src/test/resources/fit/llama-server-flash-attention.json, docs/fit.md)
                long qRow = (long) F32 * ubatch * shape.headCount() * shape.keyLength();
                long kvRow = (long) F32 * ubatch * shape.headCountKv() * shape.keyLength();
                int qRows = shape.architecture().startsWith("gemma") ? 3 : 2;
                attentionStage = scores + 3 * hiddenRow + qRows * qRow + 2 * kvRow;
            }
        }
        long layers = mask + Math.max(Math.max(ffnStage, attentionStage), mixerStage(shape, ubatch));
        long output = (long) F32 * outputRows * shape.vocabSize() + 2 * hiddenRow;
        return Math.max(layers, output);
    }

    /**
     * The peak of a Mamba-2 mixer layer in llama.cpp's graph ({@code build_mamba2_layer}), f32: when the scan's gate
     * {@code z} is made contiguous, the allocator's buffer reaches over, per micro-batch token, the residual stream and
     * the slot it left (two hidden rows), the normed input (one), the in-projection ({@code 2·inner + 2·groups·state +
     * heads}), the convolution's input window ({@code ubatch + conv − 1} columns of {@code inner + 2·groups·state}), its
     * output (as many channels) and {@code z} itself ({@code inner}). The scan's output ({@code inner} per token plus
     * the sequence's final {@code state × inner}) reuses the window's slot when it fits there; when it does not, it
     * goes on top and {@code z} takes the window's slot, which adds the final state. Read off the graph and checked
     * against llama-server on mamba2 and nemotron_h files within 0.2 % where {@code inner = 2·hidden} (every released
     * Mamba-2 model); other ratios leave the allocator different holes (docs/fit.md).
     * <p>
     * A gated delta-net layer (qwen3next, qwen35) peaks alike when its convolution's output is allocated: three hidden
     * rows, the q/k/v projection's slot ({@code 2·keyHeads·keySize + inner}), the window and the convolution's output;
     * checked against llama-server within 5 % (under; within 2 % at Qwen3-Next's sizes). 0 without a modelled mixer.
     */
    long mixerStage(ModelShape shape, int ubatch) {
        SsmMixer m = shape.ssmMixer();
        if (!m.present()) {
            return 0;
        }
        long channels = m.convChannels();
        long window = (ubatch + (long) Math.max(0, m.convKernel() - 1)) * channels;
        if (m.kind() == SsmMixer.Kind.GATED_DELTA_NET) {
            return F32 * ((long) ubatch * (3L * shape.embeddingLength() + 2 * channels) + window);
        }
        long finalState = (long) m.stateSize() * m.innerSize();
        long scan = (long) ubatch * m.innerSize() + finalState;
        long floats = (long) ubatch * (3L * shape.embeddingLength() + m.inProjection() + channels + m.innerSize())
                + window + (scan <= window ? 0 : finalState);
        return F32 * floats;
    }

    /** Cells of a sliding-window layer's cache: the window plus one micro-batch, padded. */
    private long swaCells(ModelShape shape, int ubatch) {
        long pad = constants.kvCellPadding();
        return ((long) shape.slidingWindow() + ubatch + pad - 1) / pad * pad;
    }

    /**
     * Host-side buffers besides the weights when the graph runs on the GPU: the input embeddings of a micro-batch
     * and the output buffer holding one row of logits.
     */
    public long hostStagingBytes(ModelShape shape, int ubatch) {
        return (long) F32 * ubatch * shape.embeddingLength() + (long) F32 * shape.vocabSize();
    }

    public PlannerConstants constants() {
        return constants;
    }
}
