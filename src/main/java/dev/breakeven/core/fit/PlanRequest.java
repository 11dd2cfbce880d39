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
 * @param engine        the llama.cpp build: its graph decides the compute buffer without flash attention
 * @param parallel      concurrent streams (llama-server {@code -np}); each has its own {@code contextLength} of
 *                      KV cache, and decode is quoted per stream and in aggregate
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
        int reservedOutputRows,
        ServingEngine engine,
        int parallel) {

    public static final int DEFAULT_BATCH = 2048;
    public static final int DEFAULT_UBATCH = 512;
    /** More streams than this on one box is a serving cluster, not a plan for one machine. */
    public static final int MAX_PARALLEL = 256;

    /** A request for the current llama.cpp runtime, one stream. */
    public PlanRequest(ModelShape shape, ModelWeights weights, int contextLength, KvCacheType kvType, int batchSize,
                       int ubatchSize, boolean flashAttention, long headroomBytes, boolean expertsOnCpu,
                       int decodeDepth, HardwareTarget target, int reservedOutputRows) {
        this(shape, weights, contextLength, kvType, batchSize, ubatchSize, flashAttention, headroomBytes, expertsOnCpu,
                decodeDepth, target, reservedOutputRows, ServingEngine.RUNTIME, 1);
    }

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
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("parallel streams must be between 1 and " + MAX_PARALLEL + ", got "
                    + parallel);
        }
        if (engine == null) {
            engine = ServingEngine.RUNTIME;
        }
        ubatchSize = Math.min(ubatchSize, batchSize);
        reservedOutputRows = Math.max(1, Math.min(reservedOutputRows, ubatchSize));
        decodeDepth = Math.max(0, Math.min(decodeDepth, contextLength));
    }

    /** A request with llama.cpp's defaults, decode speed quoted halfway through the context. */
    public static PlanRequest of(ModelShape shape, ModelWeights weights, int contextLength, HardwareTarget target) {
        return new PlanRequest(shape, weights, contextLength, KvCacheType.F16, DEFAULT_BATCH, DEFAULT_UBATCH, true,
                0, false, contextLength / 2, target, 1, ServingEngine.RUNTIME, 1);
    }

    private PlanRequest copy(int ctx, KvCacheType kv, boolean fa, long headroom, boolean experts, int depth,
                             HardwareTarget hw, int rows, ServingEngine eng, int streams) {
        return new PlanRequest(shape, weights, ctx, kv, batchSize, ubatchSize, fa, headroom, experts, depth, hw, rows,
                eng, streams);
    }

    public PlanRequest withContext(int tokens) {
        return copy(tokens, kvType, flashAttention, headroomBytes, expertsOnCpu, tokens / 2, target,
                reservedOutputRows, engine, parallel);
    }

    public PlanRequest withKvType(KvCacheType type) {
        return copy(contextLength, type, flashAttention, headroomBytes, expertsOnCpu, decodeDepth, target,
                reservedOutputRows, engine, parallel);
    }

    public PlanRequest withHeadroom(long bytes) {
        return copy(contextLength, kvType, flashAttention, bytes, expertsOnCpu, decodeDepth, target,
                reservedOutputRows, engine, parallel);
    }

    public PlanRequest withExpertsOnCpu(boolean onCpu) {
        return copy(contextLength, kvType, flashAttention, headroomBytes, onCpu, decodeDepth, target,
                reservedOutputRows, engine, parallel);
    }

    public PlanRequest withTarget(HardwareTarget hardware) {
        return copy(contextLength, kvType, flashAttention, headroomBytes, expertsOnCpu, decodeDepth, hardware,
                reservedOutputRows, engine, parallel);
    }

    public PlanRequest withReservedOutputRows(int rows) {
        return copy(contextLength, kvType, flashAttention, headroomBytes, expertsOnCpu, decodeDepth, target, rows,
                engine, parallel);
    }

    public PlanRequest withFlashAttention(boolean on) {
        return copy(contextLength, on ? kvType : KvCacheType.F16, on, headroomBytes, expertsOnCpu, decodeDepth,
                target, reservedOutputRows, engine, parallel);
    }

    /**
     * The engine's flash-attention decision for this target (the backend of the GPU, or the CPU) and the logits
     * rows its graph reserves. Keeps the KV type, so a quantized cache with flash attention off is refused here.
     */
    public PlanRequest withEngine(ServingEngine servingEngine, FlashAttention setting) {
        String backend = target.gpu() == null ? "cpu" : target.gpu().backend();
        boolean on = servingEngine.flashAttention(setting, backend);
        return copy(contextLength, kvType, on, headroomBytes, expertsOnCpu, decodeDepth, target,
                servingEngine.reservedOutputRows(ubatchSize), servingEngine, parallel);
    }

    /** {@code streams} concurrent users, each with this request's context. */
    public PlanRequest withParallel(int streams) {
        return copy(contextLength, kvType, flashAttention, headroomBytes, expertsOnCpu, decodeDepth, target,
                reservedOutputRows, engine, streams);
    }

    public PlanRequest withWeights(ModelShape modelShape, ModelWeights modelWeights) {
        return new PlanRequest(modelShape, modelWeights, contextLength, kvType, batchSize, ubatchSize, flashAttention,
                headroomBytes, expertsOnCpu, decodeDepth, target, reservedOutputRows, engine, parallel);
    }
}
