package dev.breakeven.core.power;

/**
 * What an estimate rests on: the device, its TDP, its idle draw and where the TDP came from
 * ("catalog", "user", "cpu default").
 */
public record EstimateBasis(String device, double tdpWatts, double idleWatts, String tdpSource) {
    /**
     * Idle draw as a share of TDP when nothing better is known. A model assumption, not catalog
     * data: desktop CPUs and GPUs idle at roughly a tenth of their rated power (see docs/power.md).
     */
    public static final double DEFAULT_IDLE_SHARE = 0.10;

    public EstimateBasis {
        if (!(tdpWatts > 0) || !Double.isFinite(tdpWatts)) {
            throw new IllegalArgumentException("TDP must be a positive number of watts: " + tdpWatts);
        }
        if (!(idleWatts >= 0) || idleWatts > tdpWatts) {
            throw new IllegalArgumentException("idle watts must lie between 0 and the TDP: " + idleWatts);
        }
    }

    public static EstimateBasis ofTdp(String device, double tdpWatts, String tdpSource) {
        return new EstimateBasis(device, tdpWatts, tdpWatts * DEFAULT_IDLE_SHARE, tdpSource);
    }

    /** idle + (tdp − idle) × load, load clamped to 0..1. */
    public double wattsAt(double load) {
        double clamped = Double.isFinite(load) ? Math.max(0, Math.min(1, load)) : 0;
        return idleWatts + (tdpWatts - idleWatts) * clamped;
    }
}
