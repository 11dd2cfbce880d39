package dev.breakeven.core.power;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The draw before an answer starts, where a sensor exists: the answer's energy can then be shown "above idle"
 * too (what the answer added, not what the machine draws anyway). An estimate has no idle to measure — its idle
 * is a model figure — so {@link #measure} answers empty for it and {@link #before} takes the estimate's own idle.
 */
public final class IdleDraw {
    /** Readings taken; counter meters (RAPL) answer from their second read on. */
    static final int READS = 3;

    private IdleDraw() {
    }

    /** The average of a few readings {@code gap} apart, or empty for an estimate or a meter that gave nothing. */
    public static OptionalDouble measure(PowerMeter meter, Duration gap) throws InterruptedException {
        if (!meter.measured()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < READS; i++) {
            if (i > 0) {
                Thread.sleep(gap);
            }
            var reading = meter.read();
            if (reading.isPresent()) {
                sum += reading.get().watts();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /**
     * The idle draw to subtract from an answer: measured on a sensor ({@link #measure}), the estimate's modelled
     * idle ({@link EstimateBasis#idleWatts()}) for an estimate, empty when neither is known.
     */
    public static OptionalDouble before(PowerMeter meter, Duration gap) throws InterruptedException {
        if (meter instanceof EstimatedPowerMeter estimate) {
            return OptionalDouble.of(estimate.basis().idleWatts());
        }
        return measure(meter, gap);
    }

    /** Joules above the idle draw over the answer's duration, never below zero. */
    public static double joulesAboveIdle(AnswerEnergy energy, double idleWatts) {
        return Math.max(0, energy.joules() - idleWatts * energy.seconds());
    }
}
