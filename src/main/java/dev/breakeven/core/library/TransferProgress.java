package dev.breakeven.core.library;

/** Progress of a copy or download: bytes so far, total (-1 when unknown) and the current rate. */
public record TransferProgress(long bytes, long totalBytes, double bytesPerSecond) {

    /** 0..1, or -1 when the total is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : -1;
    }

    /** Seconds left at the current rate, or -1 when unknown. */
    public double secondsLeft() {
        return totalBytes > 0 && bytesPerSecond > 0 ? (totalBytes - bytes) / bytesPerSecond : -1;
    }
}
