package dev.breakeven.core.fit;

/** The four memory terms on one side (GPU or host), for the stacked memory bar. */
public record MemoryParts(long weightsBytes, long kvCacheBytes, long computeBytes, long overheadBytes) {
    public long total() {
        return weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
    }
}
