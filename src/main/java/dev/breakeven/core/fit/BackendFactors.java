package dev.breakeven.core.fit;

/**
 * Fitted efficiency of one backend (cuda, metal, cpu).
 *
 * @param decodeEfficiency  share of the memory bandwidth decode achieves on weight and KV reads
 * @param perLayerSeconds   fixed time per layer and token (kernel launches, synchronisation)
 * @param prefillEfficiency share of the FP16 tensor peak prompt processing achieves; for {@code cpu},
 *                          effective GFLOPS per core (CPUs have no common peak figure to scale)
 * @param points            measurements the factors were fitted on
 */
public record BackendFactors(String backend, double decodeEfficiency, double perLayerSeconds,
                             double prefillEfficiency, int points) {
}
