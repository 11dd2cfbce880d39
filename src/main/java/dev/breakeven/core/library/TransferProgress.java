package dev.breakeven.core.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Progress of a copy or download: bytes so far, total (-1 when unknown) and the current rate. */
public record TransferProgress(long bytes, long totalBytes, double bytesPerSecond) {

    /**
     * {@code bytes} of {@code totalBytes} so far, at the rate of the {@code transferredNow} bytes this run moved in
     * {@code nanos} (a resumed download's earlier bytes do not count towards it).
     */
    public static TransferProgress of(long bytes, long totalBytes, long transferredNow, long nanos) {
        return new TransferProgress(bytes, totalBytes, nanos > 0 ? transferredNow / (nanos / 1e9) : 0);
    }

    /** Bytes a download has on disk so far (0 for no file or one that cannot be read): where a resume starts. */
    public static long bytesOnDisk(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** 0..1, or -1 when the total is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : -1;
    }

    /** Seconds left at the current rate, or -1 when unknown. */
    public double secondsLeft() {
        return totalBytes > 0 && bytesPerSecond > 0 ? (totalBytes - bytes) / bytesPerSecond : -1;
    }
}
