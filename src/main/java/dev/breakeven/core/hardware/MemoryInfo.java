package dev.breakeven.core.hardware;

/**
 * System RAM. Bandwidth is what CPU inference speed hangs on; it is null when it cannot be derived,
 * and the user is asked for it.
 */
public record MemoryInfo(long totalBytes, long availableBytes, Double bandwidthGBps, FigureSource bandwidthSource) {
    public MemoryInfo {
        if (bandwidthGBps == null) {
            bandwidthSource = null;
        }
    }

    public MemoryInfo withBandwidth(Double gbps, FigureSource source) {
        return new MemoryInfo(totalBytes, availableBytes, gbps, source);
    }
}
