package dev.breakeven.core.hardware;

/**
 * Published figures for one GPU model, as the detector needs them. The GPU catalog (core.models) supplies
 * these through {@link GpuReferences}; hardware stays at the bottom of the package graph.
 */
public record GpuReference(String id, String name, GpuVendor vendor, long vramBytes, Double bandwidthGBps,
                           Integer tdpWatts, boolean unifiedMemory) {
}
