package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufTensorInfo;

/** Exact weight placement units of a GGUF file, from its tensor table (no tensor data is read). */
public final class GgufWeights {
    private static final String TOKEN_EMBEDDING = "token_embd.weight";
    private static final String OUTPUT = "output.weight";
    private static final String EXPERT_MARKER = "_exps";

    private GgufWeights() {
    }

    /**
     * Sums tensor bytes by where llama.cpp places them: {@code blk.N.*} in layer N (tensors named
     * {@code *_exps*} also count as experts), {@code token_embd} in host memory, {@code output} and the other
     * non-layer tensors (output norm, rope factors) with the output layer.
     *
     * @param blocks the model's block count; layers beyond the tensors present stay empty
     */
    public static ModelWeights of(GgufFile file, int blocks, String label) {
        long[] layers = new long[blocks];
        long[] experts = new long[blocks];
        long embedding = 0;
        long output = 0;
        long other = 0;
        boolean hasOutput = false;
        for (GgufTensorInfo tensor : file.tensors()) {
            long bytes = tensor.byteSize();
            int layer = tensor.layerIndex();
            if (layer >= 0 && layer < blocks) {
                layers[layer] += bytes;
                if (tensor.name().contains(EXPERT_MARKER)) {
                    experts[layer] += bytes;
                }
            } else if (TOKEN_EMBEDDING.equals(tensor.name())) {
                embedding = bytes;
            } else if (OUTPUT.equals(tensor.name())) {
                output = bytes;
                hasOutput = true;
            } else {
                other += bytes;
            }
        }
        long outputLayer = (hasOutput ? output : embedding) + other;
        return new ModelWeights(label, embedding, outputLayer, !hasOutput, layers, experts, true);
    }
}
