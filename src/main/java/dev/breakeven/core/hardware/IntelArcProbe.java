package dev.breakeven.core.hardware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intel discrete GPUs (Arc) on Linux. The xe/i915 drivers expose no VRAM size in a stable sysfs file, so
 * this probe only tells a discrete Arc card (it has its own power cap under hwmon, unlike integrated
 * graphics) from an iGPU; its VRAM then comes from the catalog match on the name.
 */
public final class IntelArcProbe implements GpuProbe {
    static final String INTEL_VENDOR = "0x8086";
    private static final double MICROWATTS_PER_WATT = 1_000_000.0;

    private final Path drmRoot;

    public IntelArcProbe(Path drmRoot) {
        this.drmRoot = drmRoot;
    }

    public static IntelArcProbe system() {
        return new IntelArcProbe(Path.of("/sys/class/drm"));
    }

    @Override
    public String name() {
        return "intel sysfs";
    }

    @Override
    public GpuFindings probe() {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path device : SysfsDrm.devicesOfVendor(drmRoot, INTEL_VENDOR)) {
            try {
                Optional<Long> cap = SysfsDrm.hwmonFile(device, "power1_max").or(
                        () -> SysfsDrm.hwmonFile(device, "power1_cap")).flatMap(SysfsDrm::readLong);
                Optional<Long> vram = SysfsDrm.readLong(device.resolve("lmem_total_bytes"));
                if (cap.isEmpty() && vram.isEmpty()) {
                    continue; // Integrated graphics share system RAM; the CPU path covers them.
                }
                String name = SysfsDrm.read(device.resolve("product_name")).filter(s -> !s.isBlank())
                        .orElse("Intel Arc (PCI device " + SysfsDrm.deviceId(device) + ")");
                Integer watts = cap.map(uw -> (int) Math.round(uw / MICROWATTS_PER_WATT)).orElse(null);
                gpus.add(GpuInfo.detected(name, GpuVendor.INTEL, vram.orElse(null), null, null, watts, false));
            } catch (SysfsDrm.MalformedFigure e) {
                notes.add("intel sysfs: " + e.getMessage());
            }
        }
        // Not authoritative: OSHI's Intel entries carry the marketing name this probe lacks.
        return new GpuFindings(name(), gpus, null, notes);
    }
}
