package dev.breakeven.core.fit;

import java.util.Optional;

/**
 * The machine a plan is for: an optional GPU and the host. With {@code unifiedMemory} (Apple silicon) the GPU's
 * share and the host's share come out of the same RAM, so both are checked against it together.
 */
public record HardwareTarget(String label, GpuSpec gpu, HostSpec host, boolean unifiedMemory) {
    public HardwareTarget {
        if (host == null) {
            throw new IllegalArgumentException("hardware target needs the host figures");
        }
        if (label == null || label.isBlank()) {
            label = gpu != null ? gpu.name() : "CPU only";
        }
    }

    public static HardwareTarget cpuOnly(HostSpec host) {
        return new HardwareTarget("CPU only", null, host, false);
    }

    public static HardwareTarget withGpu(GpuSpec gpu, HostSpec host) {
        return new HardwareTarget(gpu.name(), gpu, host, false);
    }

    public Optional<GpuSpec> gpuOptional() {
        return Optional.ofNullable(gpu);
    }
}
