package dev.breakeven.core.power;

/**
 * Integrates sampled watts over time with the trapezoid rule. The first sample's value is held back
 * to the window's start and the last one forward to its end, so a window is fully counted even when
 * the meter answers late (RAPL's first read only primes its counter). Not thread-safe: the sampler
 * guards it.
 */
final class EnergyIntegrator {
    private final long startNanos;
    private long lastNanos;
    private double lastWatts;
    private double joules;
    private double peakWatts;
    private int samples;

    EnergyIntegrator(long startNanos) {
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    void add(long nanos, double watts) {
        if (nanos < lastNanos) {
            nanos = lastNanos;
        }
        double dt = (nanos - lastNanos) / 1e9;
        joules += samples == 0 ? watts * dt : (lastWatts + watts) / 2 * dt;
        lastNanos = nanos;
        lastWatts = watts;
        peakWatts = Math.max(peakWatts, watts);
        samples++;
    }

    /** The energy up to {@code endNanos}, holding the last value over the tail. */
    AnswerEnergy result(long endNanos, String source, boolean measured) {
        long end = Math.max(endNanos, lastNanos);
        double seconds = (end - startNanos) / 1e9;
        double total = joules + (samples == 0 ? 0 : lastWatts * (end - lastNanos) / 1e9);
        double average = seconds > 0 ? total / seconds : lastWatts;
        return new AnswerEnergy(total, seconds, samples == 0 ? 0 : average, peakWatts, samples, source, measured);
    }
}
