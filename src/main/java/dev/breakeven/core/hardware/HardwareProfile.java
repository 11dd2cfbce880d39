package dev.breakeven.core.hardware;

import java.util.List;
import java.util.Optional;

/**
 * Everything the planner needs to know about this machine, in one immutable value.
 *
 * @param notes        what the probes could not do (tool missing is silent; a hung or garbled tool is noted)
 * @param calibrations the calibration runs applied to this profile (the CPU's, and a GPU's); empty when uncalibrated
 */
public record HardwareProfile(String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus, List<String> notes,
                              List<MachineCalibration> calibrations) {
    public HardwareProfile {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
        calibrations = calibrations == null ? List.of() : List.copyOf(calibrations);
    }

    public HardwareProfile(String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus, List<String> notes) {
        this(os, cpu, memory, gpus, notes, List.of());
    }

    /** True when no real GPU was found; what-if cards the user added do not count. */
    public boolean noDetectedGpu() {
        return gpus.stream().noneMatch(g -> g.source() == FigureSource.DETECTED);
    }

    public List<GpuInfo> detectedGpus() {
        return gpus.stream().filter(g -> g.source() == FigureSource.DETECTED).toList();
    }

    /** The same profile with other notes (calibrations kept). */
    public HardwareProfile withNotes(List<String> otherNotes) {
        return new HardwareProfile(os, cpu, memory, gpus, otherNotes, calibrations);
    }

    /** The CPU calibration applied to this profile. */
    public Optional<MachineCalibration> cpuCalibration() {
        return calibrations.stream().filter(c -> !c.onGpu()).findFirst();
    }

    /** The calibration of the GPU of this name, when one is applied. */
    public Optional<MachineCalibration> gpuCalibration(String gpuName) {
        return calibrations.stream().filter(c -> c.onGpu() && c.gpu().equals(gpuName)).findFirst();
    }
}
