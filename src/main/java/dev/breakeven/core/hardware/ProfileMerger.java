package dev.breakeven.core.hardware;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Joins OSHI's base view with the vendor probes' GPUs and fills gaps from the catalog.
 * A vendor probe that found cards replaces OSHI's cards of that vendor; display adapters that cannot run
 * a model (virtual, BMC, Intel integrated graphics) are left out with a note.
 */
public final class ProfileMerger {
    private final GpuReferences references;

    public ProfileMerger(GpuReferences references) {
        this.references = references;
    }

    public HardwareProfile merge(BaseFindings base, List<GpuFindings> probes) {
        List<String> notes = new ArrayList<>(base.notes());
        List<Candidate> candidates = new ArrayList<>();
        for (GpuInfo gpu : base.gpus()) {
            if (isComputeGpu(gpu)) {
                candidates.add(new Candidate(gpu, true));
            } else if (gpu.name() != null && !gpu.name().isBlank() && !gpu.name().equalsIgnoreCase("unknown")) {
                notes.add("Ignored display adapter \"" + gpu.name() + "\": it cannot run models");
            }
        }
        for (GpuFindings findings : probes) {
            notes.addAll(findings.notes());
            if (findings.gpus().isEmpty()) {
                continue;
            }
            List<String> oshiNames = new ArrayList<>();
            if (findings.authoritativeFor() != null) {
                for (Iterator<Candidate> it = candidates.iterator(); it.hasNext(); ) {
                    Candidate c = it.next();
                    if (c.fromOshiOnly() && c.gpu().vendor() == findings.authoritativeFor()) {
                        oshiNames.add(c.gpu().name());
                        it.remove();
                    }
                }
            }
            Iterator<String> names = oshiNames.iterator();
            for (GpuInfo gpu : findings.gpus()) {
                // sysfs knows PCI ids, not marketing names; OSHI's name for the same card is better.
                String borrowed = names.hasNext() ? names.next() : null;
                candidates.add(new Candidate(isPlaceholder(gpu.name()) && borrowed != null ? renamed(gpu, borrowed) : gpu,
                        false));
            }
        }
        MemoryInfo memory = base.memory();
        List<GpuInfo> gpus = new ArrayList<>();
        for (Candidate candidate : candidates) {
            GpuInfo gpu = fromCatalog(candidate, notes);
            gpus.add(gpu);
            if (gpu.unifiedMemory() && memory.bandwidthGBps() == null && gpu.bandwidthGBps() != null) {
                // On unified memory the CPU reads the same RAM at the same speed as the GPU.
                memory = memory.withBandwidth(gpu.bandwidthGBps(), gpu.sourceOf(GpuFigure.BANDWIDTH));
            }
        }
        return new HardwareProfile(base.os(), base.cpu(), memory, gpus, notes);
    }

    private GpuInfo fromCatalog(Candidate candidate, List<String> notes) {
        GpuInfo gpu = candidate.gpu();
        var match = references.match(gpu.name(), gpu.vramTotalBytes());
        if (match.isEmpty()) {
            return gpu;
        }
        GpuReference ref = match.get();
        gpu = gpu.withCatalogId(ref.id());
        if (gpu.vramTotalBytes() == null) {
            gpu = gpu.withVramTotal(ref.vramBytes(), FigureSource.CATALOG);
        } else if (candidate.fromOshiOnly() && !gpu.unifiedMemory() && gpu.vramTotalBytes() < ref.vramBytes() * 0.9) {
            // OSHI reads a 32-bit registry value on Windows and caps big cards at 4 GB.
            notes.add("VRAM of " + gpu.name() + " taken from the catalog: the system reported only "
                    + gpu.vramTotalBytes() / (1024 * 1024) + " MiB");
            gpu = gpu.withVramTotal(ref.vramBytes(), FigureSource.CATALOG);
        }
        if (gpu.bandwidthGBps() == null && ref.bandwidthGBps() != null) {
            gpu = gpu.withBandwidth(ref.bandwidthGBps(), FigureSource.CATALOG);
        }
        if (gpu.tdpWatts() == null && ref.tdpWatts() != null) {
            gpu = gpu.withTdp(ref.tdpWatts(), FigureSource.CATALOG);
        }
        return gpu;
    }

    static boolean isComputeGpu(GpuInfo gpu) {
        return switch (gpu.vendor()) {
            case NVIDIA, AMD, APPLE -> true;
            case INTEL -> gpu.name() != null && gpu.name().toLowerCase(Locale.ROOT).contains("arc");
            case OTHER -> false;
        };
    }

    private static boolean isPlaceholder(String name) {
        return name.contains("(PCI device");
    }

    private static GpuInfo renamed(GpuInfo gpu, String name) {
        return new GpuInfo(name, gpu.vendor(), gpu.vramTotalBytes(), gpu.vramFreeBytes(), gpu.driver(),
                gpu.bandwidthGBps(), gpu.tdpWatts(), gpu.unifiedMemory(), gpu.catalogId(), gpu.source(), gpu.sources());
    }

    private record Candidate(GpuInfo gpu, boolean fromOshiOnly) {
    }
}
