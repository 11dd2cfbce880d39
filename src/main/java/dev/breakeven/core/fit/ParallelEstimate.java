package dev.breakeven.core.fit;

/**
 * Several users at once on one server ({@code llama-server -np N}, vLLM's continuous batching).
 *
 * @param slots                     concurrent streams planned
 * @param kvCacheBytes              KV cache of all slots together (each holds the request's context)
 * @param aggregateDecodeTokPerSec  tokens per second summed over the streams, all generating
 * @param perUserDecodeTokPerSec    what each stream sees: one token per batched decode step
 * @param maxSlots                  the largest number of slots that keeps the single-stream verdict (all on the
 *                                  GPU stays all on the GPU; a CPU plan still fits in RAM)
 */
public record ParallelEstimate(int slots, long kvCacheBytes, double aggregateDecodeTokPerSec,
                               double perUserDecodeTokPerSec, int maxSlots) {
}
