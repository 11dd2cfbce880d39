package dev.breakeven.core.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One GPU, detected or added by the user as a "what-if" card. Unknown figures are null.
 *
 * @param unifiedMemory true for Apple Silicon and similar chips whose "VRAM" is a share of system RAM
 * @param catalogId     the GPU catalog entry this card matched, or null
 * @param source        how the card itself got into the profile: {@code detected}, or {@code user} for a what-if card
 * @param sources       the source of each known figure
 */
public record GpuInfo(String name, GpuVendor vendor, Long vramTotalBytes, Long vramFreeBytes, String driver,
                      Double bandwidthGBps, Integer tdpWatts, boolean unifiedMemory, String catalogId,
                      FigureSource source, Map<GpuFigure, FigureSource> sources) {

    public GpuInfo {
        EnumMap<GpuFigure, FigureSource> copy = new EnumMap<>(GpuFigure.class);
        if (sources != null) {
            copy.putAll(sources);
        }
        putIfKnown(copy, GpuFigure.VRAM_TOTAL, vramTotalBytes, source);
        putIfKnown(copy, GpuFigure.VRAM_FREE, vramFreeBytes, source);
        putIfKnown(copy, GpuFigure.BANDWIDTH, bandwidthGBps, source);
        putIfKnown(copy, GpuFigure.TDP, tdpWatts, source);
        putIfKnown(copy, GpuFigure.DRIVER, driver, source);
        sources = Collections.unmodifiableMap(copy);
    }

    /** A card as a probe sees it: every known figure detected. */
    public static GpuInfo detected(String name, GpuVendor vendor, Long vramTotalBytes, Long vramFreeBytes,
                                   String driver, Integer tdpWatts, boolean unifiedMemory) {
        return new GpuInfo(name, vendor, vramTotalBytes, vramFreeBytes, driver, null, tdpWatts, unifiedMemory,
                null, FigureSource.DETECTED, Map.of());
    }

    public FigureSource sourceOf(GpuFigure figure) {
        return sources.get(figure);
    }

    public GpuInfo withCatalogId(String id) {
        return new GpuInfo(name, vendor, vramTotalBytes, vramFreeBytes, driver, bandwidthGBps, tdpWatts,
                unifiedMemory, id, source, sources);
    }

    public GpuInfo withVramTotal(Long bytes, FigureSource from) {
        return new GpuInfo(name, vendor, bytes, vramFreeBytes, driver, bandwidthGBps, tdpWatts, unifiedMemory,
                catalogId, source, with(GpuFigure.VRAM_TOTAL, from));
    }

    public GpuInfo withBandwidth(Double gbps, FigureSource from) {
        return new GpuInfo(name, vendor, vramTotalBytes, vramFreeBytes, driver, gbps, tdpWatts, unifiedMemory,
                catalogId, source, with(GpuFigure.BANDWIDTH, from));
    }

    public GpuInfo withTdp(Integer watts, FigureSource from) {
        return new GpuInfo(name, vendor, vramTotalBytes, vramFreeBytes, driver, bandwidthGBps, watts, unifiedMemory,
                catalogId, source, with(GpuFigure.TDP, from));
    }

    private Map<GpuFigure, FigureSource> with(GpuFigure figure, FigureSource from) {
        EnumMap<GpuFigure, FigureSource> copy = new EnumMap<>(GpuFigure.class);
        copy.putAll(sources);
        copy.put(figure, from);
        return copy;
    }

    private static void putIfKnown(Map<GpuFigure, FigureSource> map, GpuFigure figure, Object value,
                                   FigureSource fallback) {
        if (value == null) {
            map.remove(figure);
        } else {
            map.putIfAbsent(figure, fallback);
        }
    }
}
