package dev.breakeven.core.models;

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
        int slidingWindowLayers) {

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
    }

    public boolean isMixtureOfExperts() {
        return expertCount > 0;
    }

    /** Key plus value elements cached per token and layer: {@code n_head_kv × (key + value size)}. */
    public long kvElementsPerTokenPerLayer() {
        return (long) headCountKv * (keyLength + valueLength);
    }
}
