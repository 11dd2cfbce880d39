package dev.breakeven.core.hardware;

import java.util.List;

/** What OSHI tells about the machine: the base the GPU probes enrich. */
public record BaseFindings(String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus, List<String> notes) {
    public BaseFindings {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }
}
