package dev.breakeven.core.fit;

import dev.breakeven.core.models.CatalogModel;
import dev.breakeven.core.models.Quant;

import java.util.Arrays;

/**
 * Where a model's weight bytes sit, in the units llama.cpp places on devices: the token embedding (always
 * kept in host memory), the output projection (placed with the last offloaded "layer"), and each repeating
 * block. For MoE blocks, {@code layerExpertBytes} is the part of the block held by the routed experts.
 *
 * @param outputSharesEmbedding no separate {@code output.weight}: llama.cpp then duplicates the embedding
 *                              matrix onto the GPU as the output projection, so it counts in both places
 * @param exact                 true when the bytes come from a GGUF header, false when estimated from a catalog
 */
public record ModelWeights(
        String label,
        long tokenEmbeddingBytes,
        long outputBytes,
        boolean outputSharesEmbedding,
        long[] layerBytes,
        long[] layerExpertBytes,
        boolean exact) {

    public ModelWeights {
        if (layerBytes == null || layerBytes.length == 0) {
            throw new IllegalArgumentException("model weights need at least one layer");
        }
        if (layerExpertBytes == null) {
            layerExpertBytes = new long[layerBytes.length];
        }
        if (layerExpertBytes.length != layerBytes.length) {
            throw new IllegalArgumentException("expert bytes must be given per layer");
        }
        layerBytes = layerBytes.clone();
        layerExpertBytes = layerExpertBytes.clone();
    }

    /**
     * Estimates the layout of a catalog model at a quantization: every tensor at the preset's effective bits
     * per weight (the GGUF path gives exact per-tensor sizes instead).
     */
    public static ModelWeights estimate(CatalogModel model, Quant quant) {
        double bytesPerParam = quant.bitsPerWeight() / 8.0;
        var shape = model.shape();
        long embeddingParams = model.embeddingParameters();
        long outputParams = model.outputParameters();
        long blockParams = shape.parameterCount() - embeddingParams - outputParams;
        long perBlock = Math.round(blockParams * bytesPerParam / shape.blockCount());
        long[] layers = new long[shape.blockCount()];
        Arrays.fill(layers, perBlock);
        long[] experts = new long[shape.blockCount()];
        if (shape.isMixtureOfExperts()) {
            // gate, up and down projections of every expert: 3 × hidden × expert FFN each
            long expertParams = 3L * shape.embeddingLength() * shape.expertFeedForwardLength() * shape.expertCount();
            Arrays.fill(experts, Math.min(perBlock, Math.round(expertParams * bytesPerParam)));
        }
        long embedding = Math.round(embeddingParams * bytesPerParam);
        long output = model.tiedEmbeddings() ? embedding : Math.round(outputParams * bytesPerParam);
        return new ModelWeights(model.name() + " " + quant.id(), embedding, output, model.tiedEmbeddings(),
                layers, experts, false);
    }

    public int layerCount() {
        return layerBytes.length;
    }

    public long layerBytes(int layer) {
        return layerBytes[layer];
    }

    public long layerExpertBytes(int layer) {
        return layerExpertBytes[layer];
    }

    /**
     * Bytes of the file's tensors: embedding, blocks and a separate output (a shared one is stored once; the
     * output layer's other tensors, such as the output norm, still count).
     */
    public long fileBytes() {
        long total = tokenEmbeddingBytes + outputOwnBytes();
        for (long b : layerBytes) {
            total += b;
        }
        return total;
    }

    /** The output layer's bytes that are not a copy of the embedding: all of them unless the output is tied. */
    public long outputOwnBytes() {
        return outputSharesEmbedding ? Math.max(0, outputBytes - tokenEmbeddingBytes) : outputBytes;
    }

    public long totalExpertBytes() {
        long total = 0;
        for (long b : layerExpertBytes) {
            total += b;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelWeights w && label.equals(w.label) && tokenEmbeddingBytes == w.tokenEmbeddingBytes
                && outputBytes == w.outputBytes && outputSharesEmbedding == w.outputSharesEmbedding
                && Arrays.equals(layerBytes, w.layerBytes) && Arrays.equals(layerExpertBytes, w.layerExpertBytes)
                && exact == w.exact;
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(layerBytes);
    }

    @Override
    public String toString() {
        return "ModelWeights[" + label + ", " + fileBytes() + " bytes, " + layerBytes.length + " layers]";
    }
}
