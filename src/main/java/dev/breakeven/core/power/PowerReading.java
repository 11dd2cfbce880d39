package dev.breakeven.core.power;

import java.time.Instant;

/**
 * One power figure: watts drawn, where the number came from, and whether a sensor measured it
 * ({@code measured=true}) or a model estimated it ({@code measured=false}).
 */
public record PowerReading(double watts, String source, boolean measured, Instant timestamp) {

    public PowerReading {
        if (!Double.isFinite(watts) || watts < 0) {
            throw new IllegalArgumentException("watts must be a finite, non-negative number: " + watts);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a reading needs a source");
        }
    }

    /** The label every figure carries on screen: "measured (nvidia-smi)" or "estimated". */
    public String label() {
        return PowerMeter.labelFor(source, measured);
    }
}
