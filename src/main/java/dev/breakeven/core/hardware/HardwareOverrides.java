package dev.breakeven.core.hardware;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Figures the user typed over the detected ones, and catalog cards added to ask "what if I had this".
 * Null means "no override". Saved as {@code hardware-overrides.json} in the settings folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HardwareOverrides(Double memoryBandwidthGBps, Long memoryTotalBytes, List<GpuOverride> gpus,
                                List<String> whatIfCards,
                                @com.fasterxml.jackson.annotation.JsonIgnore MeasuredBandwidth measuredBandwidth,
                                @com.fasterxml.jackson.annotation.JsonIgnore MachineCalibration calibration,
                                @com.fasterxml.jackson.annotation.JsonIgnore MachineCalibration gpuCalibration) {

    public HardwareOverrides(Double memoryBandwidthGBps, Long memoryTotalBytes, List<GpuOverride> gpus,
                             List<String> whatIfCards) {
        this(memoryBandwidthGBps, memoryTotalBytes, gpus, whatIfCards, null, null, null);
    }

    public HardwareOverrides {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        whatIfCards = whatIfCards == null ? List.of() : List.copyOf(whatIfCards);
    }

    public static HardwareOverrides none() {
        return new HardwareOverrides(null, null, List.of(), List.of());
    }

    /**
     * Figures for detected GPUs of one name (two identical cards share one override).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GpuOverride(String gpuName, Long vramTotalBytes, Double bandwidthGBps, Integer tdpWatts) {
        public GpuOverride {
            Objects.requireNonNull(gpuName, "gpuName");
        }
    }

    /**
     * The bandwidth this machine measured (kept in its own file, not saved with the overrides): used where the user
     * typed none.
     */
    public HardwareOverrides withMeasured(MeasuredBandwidth measured) {
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, gpus, whatIfCards, measured, calibration, gpuCalibration);
    }

    /** This machine's decode calibration (its own file, not saved with the overrides): beats the measured figure. */
    public HardwareOverrides withCalibration(MachineCalibration machineCalibration) {
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, gpus, whatIfCards, measuredBandwidth,
                machineCalibration, gpuCalibration);
    }

    /** This machine's GPU calibration (its own file): corrects the named GPU's bandwidth and prefill. */
    public HardwareOverrides withGpuCalibration(MachineCalibration machineCalibration) {
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, gpus, whatIfCards, measuredBandwidth,
                calibration, machineCalibration);
    }

    public HardwareOverrides withMemoryBandwidth(Double gbps) {
        return new HardwareOverrides(gbps, memoryTotalBytes, gpus, whatIfCards, measuredBandwidth, calibration, gpuCalibration);
    }

    public HardwareOverrides withMemoryTotal(Long bytes) {
        return new HardwareOverrides(memoryBandwidthGBps, bytes, gpus, whatIfCards, measuredBandwidth, calibration, gpuCalibration);
    }

    /** Replaces (or with all-null figures removes) the override for one GPU name. */
    public HardwareOverrides withGpu(GpuOverride override) {
        List<GpuOverride> next = new ArrayList<>(gpus.stream().filter(g -> !g.gpuName().equals(override.gpuName())).toList());
        if (override.vramTotalBytes() != null || override.bandwidthGBps() != null || override.tdpWatts() != null) {
            next.add(override);
        }
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, next, whatIfCards, measuredBandwidth, calibration, gpuCalibration);
    }

    public HardwareOverrides withWhatIf(String catalogId) {
        List<String> next = new ArrayList<>(whatIfCards);
        next.add(catalogId);
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, gpus, next, measuredBandwidth, calibration, gpuCalibration);
    }

    public HardwareOverrides withoutWhatIf(String catalogId) {
        List<String> next = new ArrayList<>(whatIfCards);
        next.remove(catalogId);
        return new HardwareOverrides(memoryBandwidthGBps, memoryTotalBytes, gpus, next, measuredBandwidth, calibration, gpuCalibration);
    }

    public java.util.Optional<GpuOverride> forGpu(String name) {
        return gpus.stream().filter(g -> g.gpuName().equals(name)).findFirst();
    }
}
