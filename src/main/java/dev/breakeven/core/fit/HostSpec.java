package dev.breakeven.core.fit;

/**
 * The host side: system memory and CPU.
 *
 * @param bandwidthGBps memory bandwidth in GB/s (10^9 bytes)
 * @param prefillScale  this machine's CPU prefill rate over the planner's prediction, from a calibration run
 *                      (1 = uncorrected): CPU compute time is divided by it
 */
public record HostSpec(long ramBytes, double bandwidthGBps, int cpuCores, double prefillScale) {
    public HostSpec {
        if (ramBytes <= 0 || bandwidthGBps <= 0 || cpuCores <= 0) {
            throw new IllegalArgumentException("host needs positive RAM, bandwidth and core count");
        }
        if (!(prefillScale > 0) || !Double.isFinite(prefillScale)) {
            throw new IllegalArgumentException("the prefill correction must be a positive factor, not " + prefillScale);
        }
    }

    /** A host without a prefill correction. */
    public HostSpec(long ramBytes, double bandwidthGBps, int cpuCores) {
        this(ramBytes, bandwidthGBps, cpuCores, 1.0);
    }

    /** The same host with another RAM bandwidth; the prefill correction stays. */
    public HostSpec withBandwidth(double gbps) {
        return new HostSpec(ramBytes, gbps, cpuCores, prefillScale);
    }

    public HostSpec withPrefillScale(double scale) {
        return new HostSpec(ramBytes, bandwidthGBps, cpuCores, scale);
    }
}
