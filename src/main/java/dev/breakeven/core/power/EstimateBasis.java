package dev.breakeven.core.power;

/**
 * What an estimate rests on: the device, its full-load watts ({@code tdpWatts}: TDP, PPT or a measured package
 * figure), its idle draw, where the figure came from ("catalog …", "user", "class figure …") and the figure as a
 * person reads it ("Ryzen 9 7950X PPT 230 W"), which the estimate's label carries.
 */
public record EstimateBasis(String device, double tdpWatts, double idleWatts, String tdpSource, String figure) {
    /**
     * Idle draw as a share of TDP when nothing better is known. A model assumption, not catalog
     * data: desktop CPUs and GPUs idle at roughly a tenth of their rated power (see docs/power.md).
     */
    public static final double DEFAULT_IDLE_SHARE = 0.10;

    public EstimateBasis(String device, double tdpWatts, double idleWatts, String tdpSource) {
        this(device, tdpWatts, idleWatts, tdpSource, null);
    }

    public EstimateBasis {
        if (figure == null || figure.isBlank()) {
            figure = String.format(java.util.Locale.ROOT, "%s TDP %.0f W (%s)", device, tdpWatts, tdpSource);
        }
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

    /** A basis with the default idle share and a named figure. */
    public static EstimateBasis of(String device, double loadWatts, String source, String figure) {
        return new EstimateBasis(device, loadWatts, loadWatts * DEFAULT_IDLE_SHARE, source, figure);
    }

    /** idle + (tdp − idle) × load, load clamped to 0..1. */
    public double wattsAt(double load) {
        double clamped = Double.isFinite(load) ? Math.max(0, Math.min(1, load)) : 0;
        return idleWatts + (tdpWatts - idleWatts) * clamped;
    }
}
