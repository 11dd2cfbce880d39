package dev.breakeven.core.models;

/**
 * A llama.cpp quantization preset with its size and quality figures.
 *
 * <p>The effective bits per weight come from a published file size of a reference model, so they include
 * the tensors a K-quant mix keeps at higher precision; where no such size exists the block format's nominal
 * bits are used.
 *
 * @param referenceSizeGiB              published file size of the reference model in this type, or null
 * @param referenceParameterCount       parameters of that reference model, or null
 * @param nominalBitsPerWeight          bits per weight of the block format itself
 * @param pplIncreasePercentLlama3_70B  perplexity increase vs F16 in percent on Llama-3-70B, or null if unpublished
 * @param pplIncreaseLlama3_8B          absolute perplexity increase vs F16 on Llama-3-8B (llama-quantize's table), or null
 * @param cpuRepack                     llama.cpp repacks this type for its CPU kernels into a separate buffer
 */
public record Quant(
        String id,
        Double referenceSizeGiB,
        Long referenceParameterCount,
        double nominalBitsPerWeight,
        String sizeBasis,
        String sizeSource,
        Double pplIncreasePercentLlama3_70B,
        Double pplIncreaseLlama3_8B,
        String qualitySource,
        boolean cpuRepack,
        String notes) {

    private static final double BITS_PER_GIB = 8.0 * (1L << 30);

    public Quant {
        if (id == null || id.isBlank() || nominalBitsPerWeight <= 0) {
            throw new IllegalArgumentException("quant needs an id and positive bits per weight");
        }
        if ((referenceSizeGiB == null) != (referenceParameterCount == null)) {
            throw new IllegalArgumentException("quant '" + id + "' needs both a reference size and its parameter count");
        }
    }

    /** Effective bits per weight over a whole model file. */
    public double bitsPerWeight() {
        if (referenceSizeGiB != null) {
            return referenceSizeGiB * BITS_PER_GIB / referenceParameterCount;
        }
        return nominalBitsPerWeight;
    }

    /**
     * Quality loss as a perplexity increase in percent, for ranking and the minimum-quality filter: the
     * Llama-3-70B figure where published, 0 for the 16-bit formats, otherwise null (unknown).
     */
    public Double qualityLossPercent() {
        if (pplIncreasePercentLlama3_70B != null) {
            return pplIncreasePercentLlama3_70B;
        }
        return nominalBitsPerWeight >= 16 ? 0.0 : null;
    }
}
