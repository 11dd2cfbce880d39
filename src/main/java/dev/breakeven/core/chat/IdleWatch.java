package dev.breakeven.core.chat;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Closes a stream that has been silent too long, so a read blocked on a frozen server (stopped process, a body
 * that never ends) returns with an error instead of hanging forever. The allowed silence can change as the
 * answer goes on (long before the first token, while the prompt is processed; short between tokens).
 */
final class IdleWatch {
    private final Thread thread;
    private volatile boolean fired;
    private volatile long limitSeconds;

    private IdleWatch(Closeable stream, LongSupplier lastDataNanos, Supplier<Duration> limit) {
        thread = Thread.ofVirtual().unstarted(() -> watch(stream, lastDataNanos, limit));
    }

    static IdleWatch start(Closeable stream, LongSupplier lastDataNanos, Supplier<Duration> limit) {
        IdleWatch watch = new IdleWatch(stream, lastDataNanos, limit);
        watch.thread.start();
        return watch;
    }

    private void watch(Closeable stream, LongSupplier lastDataNanos, Supplier<Duration> limit) {
        while (!Thread.currentThread().isInterrupted()) {
            Duration allowed = limit.get();
            long left = allowed.toNanos() - (System.nanoTime() - lastDataNanos.getAsLong());
            if (left <= 0) {
                limitSeconds = allowed.toSeconds();
                fired = true;
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // closing is how the reader is woken; nothing else to do
                }
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 1_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean fired() {
        return fired;
    }

    long limitSeconds() {
        return limitSeconds;
    }

    void stop() {
        thread.interrupt();
    }
}
