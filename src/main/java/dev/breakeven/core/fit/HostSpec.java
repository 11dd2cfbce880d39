package dev.breakeven.core.fit;

/**
 * The host side: system memory and CPU.
 *
 * @param bandwidthGBps memory bandwidth in GB/s (10^9 bytes)
 */
public record HostSpec(long ramBytes, double bandwidthGBps, int cpuCores) {
    public HostSpec {
        if (ramBytes <= 0 || bandwidthGBps <= 0 || cpuCores <= 0) {
            throw new IllegalArgumentException("host needs positive RAM, bandwidth and core count");
        }
    }
}
