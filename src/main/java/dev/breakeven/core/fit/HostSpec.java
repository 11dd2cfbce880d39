package dev.breakeven.core.fit;

/**
 * The host side: system memory and CPU.
 *
 * @param bandwidthGBps memory bandwidth in GB/s (10^9 bytes)
 * @param prefillScale  this machine's CPU prefill rate over the planner's prediction, from a calibration run
 *                      (1 = uncorrected): CPU compute time is divided by it
 * @param perLayerSeconds this machine's fixed CPU time per layer and token (thread synchronisation, small ops),
 *                      from a calibration on two shapes; NaN where none was measured (the planner's fitted one)
 */
public record HostSpec(long ramBytes, double bandwidthGBps, int cpuCores, double prefillScale,
                       double perLayerSeconds) {
    public HostSpec {
        if (!Double.isNaN(perLayerSeconds) && !(perLayerSeconds >= 0 && perLayerSeconds < 0.01)) {
            throw new IllegalArgumentException("a per-layer time must be between 0 and 10 ms, not " + perLayerSeconds);
        }
        if (ramBytes <= 0 || bandwidthGBps <= 0 || cpuCores <= 0) {
            throw new IllegalArgumentException("host needs positive RAM, bandwidth and core count");
        }
        if (!(prefillScale > 0) || !Double.isFinite(prefillScale)) {
            throw new IllegalArgumentException("the prefill correction must be a positive factor, not " + prefillScale);
        }
    }

    /** A host without a measured per-layer time. */
    public HostSpec(long ramBytes, double bandwidthGBps, int cpuCores, double prefillScale) {
        this(ramBytes, bandwidthGBps, cpuCores, prefillScale, Double.NaN);
    }

    /** A host without a prefill correction. */
    public HostSpec(long ramBytes, double bandwidthGBps, int cpuCores) {
        this(ramBytes, bandwidthGBps, cpuCores, 1.0);
    }

    /** The CPU per-layer time to plan with: this machine's where measured, else {@code fitted}. */
    public double perLayerSecondsOr(double fitted) {
        return Double.isNaN(perLayerSeconds) ? fitted : perLayerSeconds;
    }

    public HostSpec withPerLayerSeconds(double seconds) {
        return new HostSpec(ramBytes, bandwidthGBps, cpuCores, prefillScale, seconds);
    }

    /** The same host with another RAM bandwidth; the prefill correction stays. */
    public HostSpec withBandwidth(double gbps) {
        return new HostSpec(ramBytes, gbps, cpuCores, prefillScale, perLayerSeconds);
    }

    public HostSpec withPrefillScale(double scale) {
        return new HostSpec(ramBytes, bandwidthGBps, cpuCores, scale, perLayerSeconds);
    }
}
