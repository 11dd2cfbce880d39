package dev.breakeven.core.hardware;

import java.util.List;

/**
 * The processor as llama.cpp cares about it: model, core counts and the SIMD flags its kernels pick from.
 *
 * @param flags upper-case flag names out of {@link CpuFlags#RELEVANT}, in that order; empty when unreadable
 */
public record CpuInfo(String model, int physicalCores, int logicalCores, List<String> flags) {
    public CpuInfo {
        model = model == null || model.isBlank() ? "Unknown CPU" : model.strip();
        flags = List.copyOf(flags);
    }
}
