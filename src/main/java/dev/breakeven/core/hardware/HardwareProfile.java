package dev.breakeven.core.hardware;

import java.util.List;

/**
 * Everything the planner needs to know about this machine, in one immutable value.
 *
 * @param notes what the probes could not do (tool missing is silent; a hung or garbled tool is noted)
 */
public record HardwareProfile(String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus, List<String> notes) {
    public HardwareProfile {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }

    /** True when no real GPU was found; what-if cards the user added do not count. */
    public boolean noDetectedGpu() {
        return gpus.stream().noneMatch(g -> g.source() == FigureSource.DETECTED);
    }

    public List<GpuInfo> detectedGpus() {
        return gpus.stream().filter(g -> g.source() == FigureSource.DETECTED).toList();
    }
}
