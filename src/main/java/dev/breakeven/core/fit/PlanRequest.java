package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelShape;

/**
 * Everything a plan depends on. Defaults follow llama.cpp: batch 2048, micro-batch 512, flash attention on
 * (its {@code auto} setting enables it on CUDA, Metal and CPU), f16 KV cache.
 *
 * @param headroomBytes kept free on the GPU and in RAM for the desktop, other programs and fragmentation
 * @param expertsOnCpu  keep MoE expert tensors in host memory ({@code --n-cpu-moe} / {@code -ot exps=CPU})
 *                      while attention and the rest of each block go to the GPU
 * @param decodeDepth   tokens already in the context when decode speed is quoted
 * @param reservedOutputRows logits rows the compute graph is sized for: one per sequence in current llama.cpp,
 *                      the whole micro-batch in older builds (such as the one java-llama.cpp 4.2.0 embeds)
 */
public record PlanRequest(
        ModelShape shape,
        ModelWeights weights,
        int contextLength,
        KvCacheType kvType,
        int batchSize,
        int ubatchSize,
        boolean flashAttention,
        long headroomBytes,
        boolean expertsOnCpu,
        int decodeDepth,
        HardwareTarget target,
        int reservedOutputRows) {

    public static final int DEFAULT_BATCH = 2048;
    public static final int DEFAULT_UBATCH = 512;

    public PlanRequest {
        if (shape == null || weights == null || target == null || kvType == null) {
            throw new IllegalArgumentException("a plan needs a model shape, its weights, a KV type and a hardware target");
        }
        if (weights.layerCount() != shape.blockCount()) {
            throw new IllegalArgumentException("weights have " + weights.layerCount() + " layers but the shape has "
                    + shape.blockCount());
        }
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1 token, got " + contextLength);
        }
        if (batchSize < 1 || ubatchSize < 1) {
            throw new IllegalArgumentException("batch sizes must be positive");
        }
        if (headroomBytes < 0) {
            throw new IllegalArgumentException("headroom cannot be negative");
        }
        if (!flashAttention && kvType != KvCacheType.F16) {
            throw new IllegalArgumentException("a quantized V cache needs flash attention in llama.cpp");
        }
        ubatchSize = Math.min(ubatchSize, batchSize);
        reservedOutputRows = Math.max(1, Math.min(reservedOutputRows, ubatchSize));
        decodeDepth = Math.max(0, Math.min(decodeDepth, contextLength));
    }

    /** A request with llama.cpp's defaults, decode speed quoted halfway through the context. */
    public static PlanRequest of(ModelShape shape, ModelWeights weights, int contextLength, HardwareTarget target) {
        return new PlanRequest(shape, weights, contextLength, KvCacheType.F16, DEFAULT_BATCH, DEFAULT_UBATCH, true,
                0, false, contextLength / 2, target, 1);
    }

    public PlanRequest withContext(int tokens) {
        return new PlanRequest(shape, weights, tokens, kvType, batchSize, ubatchSize, flashAttention, headroomBytes,
                expertsOnCpu, tokens / 2, target, reservedOutputRows);
    }

    public PlanRequest withKvType(KvCacheType type) {
        return new PlanRequest(shape, weights, contextLength, type, batchSize, ubatchSize, flashAttention,
                headroomBytes, expertsOnCpu, decodeDepth, target, reservedOutputRows);
    }

    public PlanRequest withHeadroom(long bytes) {
        return new PlanRequest(shape, weights, contextLength, kvType, batchSize, ubatchSize, flashAttention, bytes,
                expertsOnCpu, decodeDepth, target, reservedOutputRows);
    }

    public PlanRequest withExpertsOnCpu(boolean onCpu) {
        return new PlanRequest(shape, weights, contextLength, kvType, batchSize, ubatchSize, flashAttention,
                headroomBytes, onCpu, decodeDepth, target, reservedOutputRows);
    }

    public PlanRequest withTarget(HardwareTarget hardware) {
        return new PlanRequest(shape, weights, contextLength, kvType, batchSize, ubatchSize, flashAttention,
                headroomBytes, expertsOnCpu, decodeDepth, hardware, reservedOutputRows);
    }

    public PlanRequest withReservedOutputRows(int rows) {
        return new PlanRequest(shape, weights, contextLength, kvType, batchSize, ubatchSize, flashAttention,
                headroomBytes, expertsOnCpu, decodeDepth, target, rows);
    }

    public PlanRequest withFlashAttention(boolean on) {
        return new PlanRequest(shape, weights, contextLength, on ? kvType : KvCacheType.F16, batchSize, ubatchSize, on,
                headroomBytes, expertsOnCpu, decodeDepth, target, reservedOutputRows);
    }

    public PlanRequest withWeights(ModelShape modelShape, ModelWeights modelWeights) {
        return new PlanRequest(modelShape, modelWeights, contextLength, kvType, batchSize, ubatchSize, flashAttention,
                headroomBytes, expertsOnCpu, decodeDepth, target, reservedOutputRows);
    }
}
