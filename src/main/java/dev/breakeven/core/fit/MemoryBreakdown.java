package dev.breakeven.core.fit;

/**
 * What a plan allocates, by term and by place: {@code gpuBytes + hostBytes} is the sum of the four terms.
 * Weights count the buffers llama.cpp allocates, so a tied output matrix duplicated onto the GPU counts twice.
 */
public record MemoryBreakdown(
        long weightsBytes,
        long kvCacheBytes,
        long computeBytes,
        long overheadBytes,
        long gpuBytes,
        long hostBytes) {
}
