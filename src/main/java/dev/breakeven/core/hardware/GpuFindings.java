package dev.breakeven.core.hardware;

import java.util.List;

/**
 * What one GPU probe found. When {@code authoritativeFor} is set and the probe found cards, its cards
 * replace OSHI's cards of that vendor (OSHI's VRAM figures are often capped, e.g. 4 GB for a 24 GB card).
 */
public record GpuFindings(String probe, List<GpuInfo> gpus, GpuVendor authoritativeFor, List<String> notes) {
    public GpuFindings {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
    }

    public static GpuFindings nothing(String probe) {
        return new GpuFindings(probe, List.of(), null, List.of());
    }

    public static GpuFindings note(String probe, String note) {
        return new GpuFindings(probe, List.of(), null, note == null ? List.of() : List.of(note));
    }
}
