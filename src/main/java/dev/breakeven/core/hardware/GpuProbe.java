package dev.breakeven.core.hardware;

/**
 * A vendor-specific way to learn more about GPUs than OSHI knows. Each degrades quietly: a missing tool
 * or folder gives no GPUs and no note; a broken one gives a note. None throws.
 */
public sealed interface GpuProbe permits NvidiaSmiProbe, AmdSysfsProbe, AppleSiliconProbe, IntelArcProbe {
    String name();

    GpuFindings probe();
}
