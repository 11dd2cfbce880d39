package dev.breakeven.core.power;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * NVML through JNA (already on the classpath through OSHI): one in-process call per reading instead of starting
 * {@code nvidia-smi}, which costs tens of milliseconds each time at five readings a second. The library is
 * {@code libnvidia-ml.so.1} on Linux and {@code nvml.dll} on Windows, both installed with the driver.
 */
public final class JnaNvmlReader implements NvmlReader {
    /** The subset of NVML's C API used here. */
    interface Nvml extends Library {
        int nvmlInit_v2();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);
    }

    private Nvml nvml;

    @Override
    public synchronized int init() {
        if (nvml == null) {
            nvml = load();
        }
        return nvml.nvmlInit_v2();
    }

    private static Nvml load() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        java.util.List<String> names = os.contains("win") ? java.util.List.of("nvml")
                : java.util.List.of("nvidia-ml", "libnvidia-ml.so.1");
        Throwable last = null;
        for (String name : names) {
            try {
                return Native.load(name, Nvml.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                last = e;
            }
        }
        // JNA's message lists every path it tried, the whole classpath included: its first line is the reason.
        String reason = last == null || last.getMessage() == null ? "" : last.getMessage().lines().findFirst().orElse("");
        throw new IllegalStateException("NVML library not found (" + String.join(", ", names) + "): "
                + (reason.length() > 160 ? reason.substring(0, 160) + "…" : reason));
    }

    @Override
    public synchronized int deviceCount() {
        IntByReference count = new IntByReference();
        int rc = nvml.nvmlDeviceGetCount_v2(count);
        return rc == SUCCESS ? count.getValue() : -1;
    }

    @Override
    public synchronized long powerMilliwatts(int index) {
        PointerByReference device = new PointerByReference();
        if (nvml.nvmlDeviceGetHandleByIndex_v2(index, device) != SUCCESS) {
            return -1;
        }
        IntByReference milliwatts = new IntByReference();
        if (nvml.nvmlDeviceGetPowerUsage(device.getValue(), milliwatts) != SUCCESS) {
            return -1;
        }
        return Integer.toUnsignedLong(milliwatts.getValue());
    }
}
