package dev.breakeven.core.chat;

import java.util.function.LongSupplier;

/**
 * Accumulates the timings of one answer while it streams. Written by the generating thread, read by the UI
 * at any time through {@link #snapshot()}; every method is synchronized and cheap.
 */
public final class GenerationMetrics {
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private long firstTokenNanos = -1;
    private long lastTokenNanos = -1;
    private long endNanos = -1;
    private int promptTokens;
    private int genTokens;
    private EngineTimings engineTimings;

    public GenerationMetrics() {
        this(System::nanoTime);
    }

    public GenerationMetrics(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public long now() {
        return nanoClock.getAsLong();
    }

    /** The request was sent: the clock for time-to-first-token starts here. */
    public synchronized void started(int promptTokenCount) {
        startNanos = now();
        promptTokens = promptTokenCount;
    }

    public synchronized void promptTokens(int count) {
        promptTokens = count;
    }

    public synchronized void token() {
        tokenAt(now());
    }

    /** A token arrived at {@code nanos} (for callers that learn a token's time before counting it). */
    public synchronized void tokenAt(long nanos) {
        if (firstTokenNanos < 0) {
            firstTokenNanos = nanos;
        }
        lastTokenNanos = nanos;
        genTokens++;
    }

    public synchronized void engineReported(EngineTimings timings) {
        engineTimings = timings;
    }

    public synchronized void finished() {
        endNanos = now();
    }

    public synchronized boolean isStarted() {
        return startNanos >= 0;
    }

    public synchronized int genTokens() {
        return genTokens;
    }

    public synchronized MetricsSnapshot snapshot() {
        long now = endNanos >= 0 ? endNanos : now();
        double elapsedMs = startNanos < 0 ? 0 : (now - startNanos) / 1e6;
        Double ttftMs = firstTokenNanos < 0 ? null : (firstTokenNanos - startNanos) / 1e6;
        Double promptRate = ttftMs == null || ttftMs <= 0 || promptTokens == 0 ? null : promptTokens / (ttftMs / 1000);
        Double decodeRate = null;
        if (genTokens >= 2 && lastTokenNanos > firstTokenNanos) {
            // n tokens span n − 1 gaps from the first to the last: counting n over them overstated the rate by
            // n / (n − 1), exactly the 32/31 and 256/255 that app ÷ llama-server decode showed (RuntimeFlagsBenchmark)
            decodeRate = (genTokens - 1) / ((lastTokenNanos - firstTokenNanos) / 1e9);
        }
        Double enginePrompt = null;
        Double engineDecode = null;
        if (engineTimings != null) {
            enginePrompt = positiveOrNull(engineTimings.promptPerSecond());
            engineDecode = positiveOrNull(engineTimings.predictedPerSecond());
        }
        return new MetricsSnapshot(promptTokens, genTokens, ttftMs, promptRate, decodeRate, enginePrompt,
                engineDecode, elapsedMs, endNanos >= 0);
    }

    private static Double positiveOrNull(double value) {
        return value > 0 && Double.isFinite(value) ? value : null;
    }
}
