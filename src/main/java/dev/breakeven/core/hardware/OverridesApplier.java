package dev.breakeven.core.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lays the user's figures over a detected profile and appends the what-if cards. */
public final class OverridesApplier {
    private final GpuReferences references;

    public OverridesApplier(GpuReferences references) {
        this.references = references;
    }

    public HardwareProfile apply(HardwareProfile profile, HardwareOverrides overrides) {
        List<String> notes = new ArrayList<>(profile.notes());
        List<MachineCalibration> calibrations = new ArrayList<>();
        MemoryInfo memory = profile.memory();
        if (overrides.calibration() != null) {
            // the prefill correction holds whatever bandwidth is used, so it applies beside a typed bandwidth too
            calibrations.add(overrides.calibration());
        }
        if (overrides.memoryBandwidthGBps() != null) {
            memory = memory.withBandwidth(overrides.memoryBandwidthGBps(), FigureSource.USER);
        } else if (overrides.calibration() != null) {
            // A real decode run on this machine: the bandwidth that makes the planner's formula hit llama.cpp's rate.
            MachineCalibration c = overrides.calibration();
            memory = memory.withBandwidth(c.effectiveBandwidthGBps(), FigureSource.CALIBRATED);
            notes.add(String.format(java.util.Locale.ROOT,
                    "%s %s: decode reads at an effective %.1f GB/s (%s on %s: %.1f tok/s measured, %.1f predicted before)",
                    CalibrationStatus.CALIBRATED, c.date(), c.effectiveBandwidthGBps(), c.engine(), c.shape(),
                    c.measuredDecodeTokPerSec(), c.predictedDecodeBefore())
                    + prefillNote(c));
        } else if (overrides.measuredBandwidth() != null) {
            // Measured beats the module-table estimate: that one is a theoretical peak no core streams at.
            MeasuredBandwidth m = overrides.measuredBandwidth();
            memory = memory.withBandwidth(m.readGBps(), FigureSource.MEASURED);
            notes.add(String.format(java.util.Locale.ROOT,
                    "RAM bandwidth measured %s: %.1f GB/s read, %.1f GB/s copy on %d threads", m.date(), m.readGBps(),
                    m.copyGBps(), m.threads()));
        }
        if (overrides.memoryTotalBytes() != null) {
            memory = new MemoryInfo(overrides.memoryTotalBytes(), memory.availableBytes(), memory.bandwidthGBps(),
                    memory.bandwidthSource());
        }
        List<GpuInfo> gpus = new ArrayList<>();
        for (GpuInfo gpu : profile.gpus()) {
            if (gpu.source() != FigureSource.DETECTED) {
                continue; // what-if cards are rebuilt below from the current list
            }
            var override = overrides.forGpu(gpu.name());
            if (override.isPresent()) {
                var o = override.get();
                if (o.vramTotalBytes() != null) {
                    gpu = gpu.withVramTotal(o.vramTotalBytes(), FigureSource.USER);
                }
                if (o.bandwidthGBps() != null) {
                    gpu = gpu.withBandwidth(o.bandwidthGBps(), FigureSource.USER);
                }
                if (o.tdpWatts() != null) {
                    gpu = gpu.withTdp(o.tdpWatts(), FigureSource.USER);
                }
            }
            MachineCalibration g = overrides.gpuCalibration();
            if (g != null && g.gpu().equals(gpu.name())) {
                if (override.isEmpty() || override.get().bandwidthGBps() == null) {
                    // a run with every layer on this GPU: its effective bandwidth replaces the catalog's peak
                    gpu = gpu.withBandwidth(g.effectiveBandwidthGBps(), FigureSource.CALIBRATED);
                }
                // its prefill correction holds beside a typed bandwidth too, as the CPU's does
                if (calibrations.stream().noneMatch(MachineCalibration::onGpu)) {
                    calibrations.add(g);
                    notes.add(String.format(java.util.Locale.ROOT,
                            "%s %s: %s decodes at an effective %.0f GB/s (%s on %s: %.1f tok/s measured, %.1f predicted before)",
                            CalibrationStatus.CALIBRATED, g.date(), g.gpu(), g.effectiveBandwidthGBps(), g.engine(),
                            g.shape(), g.measuredDecodeTokPerSec(), g.predictedDecodeBefore())
                            + (gpu.sourceOf(GpuFigure.BANDWIDTH) == FigureSource.USER ? "; your bandwidth for it is used" : "")
                            + prefillNote(g));
                }
            }
            gpus.add(gpu);
        }
        for (String id : overrides.whatIfCards()) {
            var ref = references.byId(id);
            if (ref.isEmpty()) {
                notes.add("What-if card \"" + id + "\" is not in the GPU catalog and was skipped");
                continue;
            }
            gpus.add(whatIf(ref.get()));
        }
        return new HardwareProfile(profile.os(), profile.cpu(), memory, gpus, notes, calibrations);
    }

    private static String prefillNote(MachineCalibration c) {
        if (c.prefillScale() == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "; prefill × %.2f (%.1f tok/s measured, %.1f predicted)",
                c.prefillScale(), c.measuredPrefillTokPerSec(), c.predictedPrefill());
    }

    /** A card the user does not own: every figure from the catalog, the card itself the user's choice. */
    static GpuInfo whatIf(GpuReference ref) {
        var sources = new java.util.EnumMap<GpuFigure, FigureSource>(GpuFigure.class);
        sources.put(GpuFigure.VRAM_TOTAL, FigureSource.CATALOG);
        sources.put(GpuFigure.BANDWIDTH, FigureSource.CATALOG);
        sources.put(GpuFigure.TDP, FigureSource.CATALOG);
        // A Mac's GPU gets only macOS's default share of its RAM, not all of it.
        long vram = ref.unifiedMemory() && ref.vendor() == GpuVendor.APPLE
                ? AppleSiliconProbe.gpuShareOf(ref.vramBytes(), null) : ref.vramBytes();
        return new GpuInfo(ref.name(), ref.vendor(), vram, null, null, ref.bandwidthGBps(),
                ref.tdpWatts(), ref.unifiedMemory(), ref.id(), FigureSource.USER, Map.copyOf(sources));
    }
}
