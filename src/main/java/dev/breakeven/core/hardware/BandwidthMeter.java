package dev.breakeven.core.hardware;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures this machine's RAM bandwidth the way LLM decode uses it: every core streaming through buffers far
 * larger than any cache. Each thread owns two off-heap buffers (no GC in the way) and, in lock-step rounds,
 * reads both ({@link MemorySegment#mismatch}, a vectorised compare that touches every byte) or copies one into the
 * other ({@link MemorySegment#copy}). The best round counts: the others lost time to the scheduler, not to RAM.
 */
public final class BandwidthMeter {
    /** Two buffers per thread of at least this size: several times the largest L3 a core shares. */
    static final long MIN_BYTES_PER_BUFFER = 64L << 20;

    private BandwidthMeter() {
    }

    /** Read and copy rates in GB/s (10^9 bytes per second); copy counts the bytes read and the bytes written. */
    public record Result(double readGBps, double copyGBps, int threads, long bytesPerBuffer, double seconds) {
    }

    /**
     * Runs read then copy rounds on {@code threads} threads until {@code budget} is spent (at least two rounds of
     * each). {@code totalBytes} is split over the threads' buffers.
     */
    public static Result measure(int threads, long totalBytes, Duration budget) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        long perBuffer = Math.max(MIN_BYTES_PER_BUFFER, totalBytes / threads / 2) & ~4095L;
        long started = System.nanoTime();
        try (Arena arena = Arena.ofShared()) {
            List<MemorySegment[]> buffers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MemorySegment a = arena.allocate(perBuffer, 4096);
                MemorySegment b = arena.allocate(perBuffer, 4096);
                a.fill((byte) 7);
                b.fill((byte) 7); // touched once so the rounds time RAM, not page faults
                buffers.add(new MemorySegment[]{a, b});
            }
            long half = budget.toNanos() / 2;
            double read = bestRate(buffers, half, 2.0 * perBuffer * threads, true);
            double copy = bestRate(buffers, half, 2.0 * perBuffer * threads, false);
            return new Result(read, copy, threads, perBuffer, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Threads and bytes for "all cores, a few seconds": a quarter of free RAM at most, 512 MiB at most. */
    public static Result measureThisMachine(long availableBytes, Duration budget) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        long total = Math.min(512L << 20, Math.max(2 * MIN_BYTES_PER_BUFFER, availableBytes / 4));
        return measure(threads, total, budget);
    }

    private static double bestRate(List<MemorySegment[]> buffers, long budgetNanos, double bytesPerRound, boolean read)
            throws InterruptedException {
        int threads = buffers.size();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        AtomicLong sink = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (MemorySegment[] pair : buffers) {
            workers.add(Thread.ofPlatform().daemon().name("bandwidth").start(() -> {
                try {
                    while (true) {
                        start.await();
                        if (stop.get()) {
                            return;
                        }
                        if (read) {
                            if (pair[0].mismatch(pair[1]) != -1) {
                                sink.incrementAndGet(); // equal buffers: any mismatch means a wrong read
                            }
                        } else {
                            MemorySegment.copy(pair[0], 0, pair[1], 0, pair[0].byteSize());
                        }
                        end.await();
                    }
                } catch (InterruptedException | BrokenBarrierException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        double best = 0;
        long deadline = System.nanoTime() + budgetNanos;
        int rounds = 0;
        try {
            // Round 0 warms up the JIT's vectorised copy/compare and is not counted.
            while (rounds < 3 || System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                start.await();
                end.await();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (rounds > 0) {
                    best = Math.max(best, bytesPerRound / seconds / 1e9);
                }
                rounds++;
            }
            stop.set(true);
            start.await();
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("bandwidth worker failed", e);
        } finally {
            for (Thread w : workers) {
                w.join(Duration.ofSeconds(5));
            }
        }
        if (sink.get() != 0) {
            throw new IllegalStateException("buffers differ: the read rounds compared the wrong memory");
        }
        return best;
    }
}
