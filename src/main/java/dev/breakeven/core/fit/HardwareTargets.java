package dev.breakeven.core.fit;

import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuFigure;

import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.models.GpuCatalog;

import java.util.Locale;
import java.util.Optional;

/** Builds planner targets from a detected hardware profile or a GPU catalog card. */
public final class HardwareTargets {
    private HardwareTargets() {
    }

    /** llama.cpp backend whose calibration applies to a vendor's cards. */
    public static String backendFor(String vendor) {
        return switch (vendor == null ? "" : vendor.toLowerCase(Locale.ROOT)) {
            case "apple" -> "metal";
            default -> "cuda";
        };
    }

    /** A what-if card from the catalog in front of the given host. Unified-memory chips share the host's RAM. */
    public static HardwareTarget fromCatalog(dev.breakeven.core.models.CatalogGpu card, HostSpec host) {
        double tflops = card.fp16TensorTflops() == null ? 0 : card.fp16TensorTflops();
        GpuSpec gpu = new GpuSpec(card.name(), card.vramBytes(), card.bandwidthGBps(), tflops,
                backendFor(card.vendor()));
        if (card.unifiedMemory()) {
            HostSpec shared = new HostSpec(card.vramBytes(), card.bandwidthGBps(), host.cpuCores());
            return new HardwareTarget(card.name(), gpu, shared, true);
        }
        return new HardwareTarget(card.name(), gpu, host, false);
    }

    /** The host part of a detected profile; bandwidth falls back to the planner's constant when unknown. */
    public static HostSpec host(HardwareProfile profile, double fallbackBandwidthGBps) {
        Double bandwidth = profile.memory().bandwidthGBps();
        int cores = Math.max(1, profile.cpu().physicalCores() > 0 ? profile.cpu().physicalCores()
                : profile.cpu().logicalCores());
        BackendFactors now = FitPlanner.standard().throughput().factors("cpu");
        var calibration = profile.cpuCalibration();
        if (calibration.isPresent() && profile.memory().bandwidthSource() == FigureSource.CALIBRATED) {
            // the run's bandwidth was relative to the planner of its day: keep what it measured, not that ratio
            bandwidth = calibration.get().bandwidthFor(now.decodeEfficiency());
        }
        // a calibration run's prefill correction (1 without one)
        double prefill = calibration.map(c -> c.prefillFactorFor(now.prefillEfficiency())).orElse(1.0);
        double perLayer = calibration.map(c -> c.perLayerSeconds() == null ? Double.NaN : c.perLayerSeconds())
                .orElse(Double.NaN);
        return new HostSpec(profile.memory().totalBytes(),
                bandwidth != null && bandwidth > 0 ? bandwidth : fallbackBandwidthGBps, cores, prefill, perLayer);
    }

    /**
     * Says so when {@link #host} had to assume the RAM bandwidth: host-side speeds then rest on a constant,
     * not on this machine, and the user can correct it.
     */
    public static Optional<String> assumedBandwidthNote(HardwareProfile profile, double fallbackBandwidthGBps) {
        Double bandwidth = profile.memory().bandwidthGBps();
        if (bandwidth != null && bandwidth > 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT,
                "RAM bandwidth unknown: speeds on this machine assume %.0f GB/s (enter yours on the Hardware page)",
                fallbackBandwidthGBps));
    }

    /** This machine: its first GPU with known VRAM and bandwidth, or CPU only. */
    public static HardwareTarget fromProfile(HardwareProfile profile, GpuCatalog catalog, double fallbackBandwidthGBps) {
        HostSpec host = host(profile, fallbackBandwidthGBps);
        for (GpuInfo info : profile.gpus()) {
            if (info.vramTotalBytes() == null || info.vramTotalBytes() <= 0
                    || info.bandwidthGBps() == null || info.bandwidthGBps() <= 0) {
                continue;
            }
            Optional<dev.breakeven.core.models.CatalogGpu> card = Optional.ofNullable(info.catalogId())
                    .flatMap(catalog::byId);
            String vendor = info.vendor() == null ? "" : info.vendor().name();
            String backend = backendFor(vendor);
            BackendFactors now = FitPlanner.standard().throughput().factors(backend);
            var calibration = profile.gpuCalibration(info.name());
            double tflops = card.map(c -> c.fp16TensorTflops() == null ? 0.0 : c.fp16TensorTflops()).orElse(0.0)
                    // a GPU calibration run's prefill correction: the effective share of the card's peak here
                    * calibration.map(c -> c.prefillFactorFor(now.prefillEfficiency())).orElse(1.0);
            double bandwidth = calibration.isPresent() && info.sourceOf(GpuFigure.BANDWIDTH) == FigureSource.CALIBRATED
                    ? calibration.get().bandwidthFor(now.decodeEfficiency()) : info.bandwidthGBps();
            GpuSpec gpu = new GpuSpec(info.name(), info.vramTotalBytes(), bandwidth, tflops, backend);
            return new HardwareTarget("this machine: " + info.name(), gpu, host, info.unifiedMemory());
        }
        return new HardwareTarget("this machine (CPU only)", null, host, false);
    }
}
