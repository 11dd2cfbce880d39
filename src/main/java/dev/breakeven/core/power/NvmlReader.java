package dev.breakeven.core.power;

/**
 * The three NVML calls the power meter needs, behind an interface so the selection logic is tested without an
 * NVIDIA driver. Return codes are NVML's ({@code NVML_SUCCESS} = 0); {@link #powerMilliwatts} answers a negative
 * number for a device that gave no figure.
 */
public interface NvmlReader {
    int SUCCESS = 0;

    /** {@code nvmlInit_v2}; throws {@link IllegalStateException} with a reason when NVML cannot be loaded at all. */
    int init();

    /** {@code nvmlDeviceGetCount_v2}, or a negative number on failure. */
    int deviceCount();

    /**
     * {@code nvmlDeviceGetHandleByIndex_v2} then {@code nvmlDeviceGetPowerUsage}: the board's draw in milliwatts,
     * or −1 when the device or the reading failed (GeForce cards may answer NOT_SUPPORTED).
     */
    long powerMilliwatts(int index);
}
