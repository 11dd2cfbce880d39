package dev.breakeven.core.library;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a stream that has made no progress for a while, so a blocked read fails with an
 * IOException instead of hanging a download forever.
 */
public final class StallGuard implements AutoCloseable {
    private final Closeable stream;
    private final long timeoutNanos;
    private final Thread watcher;
    private volatile long lastAlive = System.nanoTime();
    private volatile boolean done;

    private StallGuard(Closeable stream, Duration timeout) {
        this.stream = stream;
        this.timeoutNanos = timeout.toNanos();
        this.watcher = Thread.ofVirtual().name("download-stall-guard").start(this::watch);
    }

    public static StallGuard watch(Closeable stream, Duration timeout) {
        return new StallGuard(stream, timeout);
    }

    public void alive() {
        lastAlive = System.nanoTime();
    }

    private void watch() {
        long tick = Math.max(10_000_000L, timeoutNanos / 4);
        while (!done) {
            try {
                Thread.sleep(Duration.ofNanos(tick));
            } catch (InterruptedException e) {
                return;
            }
            if (!done && System.nanoTime() - lastAlive > timeoutNanos) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // The reader sees the failure either way.
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        done = true;
        watcher.interrupt();
    }
}
