package dev.breakeven.core.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The architecture figures the planner needs, whether they come from a model catalog entry or
 * from a GGUF header ({@code <arch>.block_count}, {@code <arch>.embedding_length}, …).
 * Counts that an architecture does not have are 0 (a dense model has {@code expertCount == 0};
 * a model without sliding-window attention has {@code slidingWindow == 0}).
 *
 * @param architecture          GGUF {@code general.architecture}, e.g. {@code llama}, {@code qwen2}, {@code qwen3moe}, {@code gpt-oss}
 * @param parameterCount        all weights, embeddings included
 * @param activeParameterCount  weights read per token (equal to {@code parameterCount} for a dense model)
 * @param blockCount            transformer layers
 * @param embeddingLength       hidden size
 * @param feedForwardLength     dense FFN size (0 where every layer is MoE)
 * @param headCount             attention (query) heads
 * @param headCountKv           key/value heads (grouped-query attention when below {@code headCount})
 * @param keyLength             per-head key size
 * @param valueLength           per-head value size
 * @param contextLength         the context the model was trained for
 * @param vocabSize             tokens in the vocabulary
 * @param expertCount           experts per MoE layer
 * @param expertUsedCount       experts active per token
 * @param expertFeedForwardLength FFN size of one expert
 * @param slidingWindow         sliding-window attention span in tokens
 * @param slidingWindowLayers   how many of the layers use the sliding window (their KV cache is capped at the window)
 * @param mlaLatentLength       multi-head latent attention (llama.cpp's {@code is_mla()}): elements cached per token and
 *                              layer, {@code kv_lora_rank + n_rot}, with no separate V cache; 0 for other attention
 * @param recurrentLayers       layers without a KV cache: recurrent (SSM / conv) layers, and nemotron_h's FFN-only ones
 * @param recurrentStateElements f32 state elements of one sequence over all those layers (an estimate, docs/fit.md);
 *                              spread evenly over them, which is exact in total
 * @param ssmMixer              the recurrent mixer's sizes where its compute-buffer peak is modelled (Mamba-2: mamba2,
 *                              nemotron_h, granitehybrid; gated delta-net: qwen3next, qwen35, qwen35moe), else
 *                              {@link SsmMixer#NONE}
 */
public record ModelShape(
        String architecture,
        long parameterCount,
        long activeParameterCount,
        int blockCount,
        int embeddingLength,
        int feedForwardLength,
        int headCount,
        int headCountKv,
        int keyLength,
        int valueLength,
        int contextLength,
        int vocabSize,
        int expertCount,
        int expertUsedCount,
        int expertFeedForwardLength,
        int slidingWindow,
        int slidingWindowLayers,
        int mlaLatentLength,
        int recurrentLayers,
        long recurrentStateElements,
        @JsonIgnore SsmMixer ssmMixer) {

    /** A shape without a modelled recurrent mixer (attention, MLA, or recurrent layers of another kind). */
    public ModelShape(String architecture, long parameterCount, long activeParameterCount, int blockCount,
                      int embeddingLength, int feedForwardLength, int headCount, int headCountKv, int keyLength,
                      int valueLength, int contextLength, int vocabSize, int expertCount, int expertUsedCount,
                      int expertFeedForwardLength, int slidingWindow, int slidingWindowLayers, int mlaLatentLength,
                      int recurrentLayers, long recurrentStateElements) {
        this(architecture, parameterCount, activeParameterCount, blockCount, embeddingLength, feedForwardLength,
                headCount, headCountKv, keyLength, valueLength, contextLength, vocabSize, expertCount, expertUsedCount,
                expertFeedForwardLength, slidingWindow, slidingWindowLayers, mlaLatentLength, recurrentLayers,
                recurrentStateElements, SsmMixer.NONE);
    }

    /**
     * A shape with plain (grouped-query or sliding-window) attention on every layer; the catalog's JSON entries are
     * read through it, as catalog models have no latent or recurrent layers.
     */
    @JsonCreator
    public ModelShape(@JsonProperty("architecture") String architecture,
                      @JsonProperty("parameterCount") long parameterCount,
                      @JsonProperty("activeParameterCount") long activeParameterCount,
                      @JsonProperty("blockCount") int blockCount,
                      @JsonProperty("embeddingLength") int embeddingLength,
                      @JsonProperty("feedForwardLength") int feedForwardLength,
                      @JsonProperty("headCount") int headCount,
                      @JsonProperty("headCountKv") int headCountKv,
                      @JsonProperty("keyLength") int keyLength,
                      @JsonProperty("valueLength") int valueLength,
                      @JsonProperty("contextLength") int contextLength,
                      @JsonProperty("vocabSize") int vocabSize,
                      @JsonProperty("expertCount") int expertCount,
                      @JsonProperty("expertUsedCount") int expertUsedCount,
                      @JsonProperty("expertFeedForwardLength") int expertFeedForwardLength,
                      @JsonProperty("slidingWindow") int slidingWindow,
                      @JsonProperty("slidingWindowLayers") int slidingWindowLayers) {
        this(architecture, parameterCount, activeParameterCount, blockCount, embeddingLength, feedForwardLength,
                headCount, headCountKv, keyLength, valueLength, contextLength, vocabSize, expertCount,
                expertUsedCount, expertFeedForwardLength, slidingWindow, slidingWindowLayers, 0, 0, 0);
    }

    public ModelShape {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("architecture is missing");
        }
        if (blockCount <= 0 || embeddingLength <= 0 || headCount <= 0 || headCountKv <= 0
                || keyLength <= 0 || valueLength <= 0) {
            throw new IllegalArgumentException("model shape of '" + architecture
                    + "' needs positive layers, embedding, heads and head sizes");
        }
        if (slidingWindowLayers < 0 || slidingWindowLayers > blockCount) {
            throw new IllegalArgumentException("sliding-window layers must lie between 0 and the layer count");
        }
        if (ssmMixer == null) {
            ssmMixer = SsmMixer.NONE;
        }
        if (mlaLatentLength < 0 || recurrentLayers < 0 || recurrentLayers > blockCount || recurrentStateElements < 0) {
            throw new IllegalArgumentException("latent size, recurrent layers and state must be non-negative, "
                    + "and there cannot be more recurrent layers than layers");
        }
    }

    public boolean hasRecurrentState() {
        return recurrentLayers > 0;
    }

    /** A pure SSM (mamba, mamba2): no attention layer at all, so no KV cache and no attention masks. */
    public boolean isPureRecurrent() {
        return recurrentLayers == blockCount;
    }

    /**
     * Whether a layer holds a recurrent state instead of a KV cache. Hybrids interleave them with attention layers;
     * like the sliding-window pattern we spread the attention layers evenly, which gives the right count (the exact
     * positions only move a few MB between devices under partial offload).
     */
    public boolean isRecurrentLayer(int layer) {
        if (recurrentLayers == 0) {
            return false;
        }
        int attention = blockCount - recurrentLayers;
        long groupEnd = (long) (layer + 1) * attention / blockCount;
        long groupStart = (long) layer * attention / blockCount;
        return groupEnd == groupStart;
    }

    /** F32 recurrent state of one sequence on one recurrent layer. */
    public long recurrentStateBytesPerLayer() {
        return recurrentLayers == 0 ? 0 : 4 * (recurrentStateElements / recurrentLayers);
    }

    public boolean isMixtureOfExperts() {
        return expertCount > 0;
    }

    /**
     * Key plus value elements cached per token and attention layer: {@code n_head_kv × (key + value size)}, or for
     * multi-head latent attention the latent plus rope part alone (llama.cpp allocates no V cache there).
     */
    public long kvElementsPerTokenPerLayer() {
        if (mlaLatentLength > 0) {
            return mlaLatentLength;
        }
        return (long) headCountKv * (keyLength + valueLength);
    }
}
