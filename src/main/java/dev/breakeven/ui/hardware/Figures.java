package dev.breakeven.ui.hardware;

import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuFigure;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Formats a profile for people: sizes in GiB, bandwidth in GB/s, and the table rows. */
final class Figures {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private Figures() {
    }

    static String gib(Long bytes) {
        return bytes == null ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }

    static String gbps(Double value) {
        return value == null ? "unknown" : String.format(Locale.ROOT, "%.1f GB/s", value);
    }

    static String watts(Integer value) {
        return value == null ? "unknown" : value + " W";
    }

    static List<FigureRow> rows(HardwareProfile p) {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(new FigureRow("Operating system", p.os(), FigureSource.DETECTED));
        rows.add(new FigureRow("CPU", p.cpu().model(), FigureSource.DETECTED));
        rows.add(new FigureRow("CPU cores / threads", p.cpu().physicalCores() + " / " + p.cpu().logicalCores(),
                FigureSource.DETECTED));
        rows.add(new FigureRow("CPU instruction sets",
                p.cpu().flags().isEmpty() ? "none readable" : String.join(" ", p.cpu().flags()), FigureSource.DETECTED));
        rows.add(new FigureRow("RAM total", gib(p.memory().totalBytes()), FigureSource.DETECTED));
        rows.add(new FigureRow("RAM available", gib(p.memory().availableBytes()), FigureSource.DETECTED));
        rows.add(new FigureRow("RAM bandwidth", gbps(p.memory().bandwidthGBps()), p.memory().bandwidthSource()));
        int index = 0;
        for (GpuInfo g : p.gpus()) {
            String label = (g.source() == FigureSource.USER ? "What-if " : "GPU " + index + " ") + "· " + g.name();
            if (g.source() != FigureSource.USER) {
                index++;
            }
            rows.add(new FigureRow(label, g.vendor().json() + (g.unifiedMemory() ? ", unified memory" : ""), g.source()));
            rows.add(new FigureRow("   VRAM" + (g.unifiedMemory() ? " (GPU share)" : ""), gib(g.vramTotalBytes()),
                    g.sourceOf(GpuFigure.VRAM_TOTAL)));
            if (g.vramFreeBytes() != null) {
                rows.add(new FigureRow("   VRAM free", gib(g.vramFreeBytes()), g.sourceOf(GpuFigure.VRAM_FREE)));
            }
            rows.add(new FigureRow("   Memory bandwidth", gbps(g.bandwidthGBps()), g.sourceOf(GpuFigure.BANDWIDTH)));
            rows.add(new FigureRow("   Power (TDP / limit)", watts(g.tdpWatts()), g.sourceOf(GpuFigure.TDP)));
            Optional.ofNullable(g.driver()).ifPresent(d -> rows.add(new FigureRow("   Driver", d, g.sourceOf(GpuFigure.DRIVER))));
        }
        return rows;
    }
}
