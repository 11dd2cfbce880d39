package dev.breakeven.core.hardware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMD GPUs through the amdgpu driver's sysfs files: VRAM total and used, and the board power cap.
 * Linux only; elsewhere the folder is absent and the probe says nothing.
 */
public final class AmdSysfsProbe implements GpuProbe {
    static final String AMD_VENDOR = "0x1002";
    private static final double MICROWATTS_PER_WATT = 1_000_000.0;

    private final Path drmRoot;

    public AmdSysfsProbe(Path drmRoot) {
        this.drmRoot = drmRoot;
    }

    public static AmdSysfsProbe system() {
        return new AmdSysfsProbe(Path.of("/sys/class/drm"));
    }

    @Override
    public String name() {
        return "amdgpu sysfs";
    }

    @Override
    public GpuFindings probe() {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path device : SysfsDrm.devicesOfVendor(drmRoot, AMD_VENDOR)) {
            try {
                Optional<Long> total = SysfsDrm.readLong(device.resolve("mem_info_vram_total"));
                if (total.isEmpty()) {
                    continue; // Not an amdgpu-driven card (or no VRAM of its own): nothing to add to OSHI.
                }
                Optional<Long> used = SysfsDrm.readLong(device.resolve("mem_info_vram_used"));
                Integer watts = SysfsDrm.hwmonFile(device, "power1_cap").flatMap(SysfsDrm::readLong)
                        .map(uw -> (int) Math.round(uw / MICROWATTS_PER_WATT)).orElse(null);
                String name = SysfsDrm.read(device.resolve("product_name")).filter(s -> !s.isBlank())
                        .orElse("AMD Radeon (PCI device " + SysfsDrm.deviceId(device) + ")");
                Long free = used.map(u -> Math.max(0L, total.get() - u)).orElse(null);
                gpus.add(GpuInfo.detected(name, GpuVendor.AMD, total.get(), free, null, watts, false));
            } catch (SysfsDrm.MalformedFigure e) {
                notes.add("amdgpu sysfs: " + e.getMessage());
            }
        }
        return new GpuFindings(name(), gpus, GpuVendor.AMD, notes);
    }
}
