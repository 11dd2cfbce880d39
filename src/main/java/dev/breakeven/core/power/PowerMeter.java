package dev.breakeven.core.power;

import java.util.Optional;

/**
 * A source of power figures. {@link #read()} never throws: a meter that cannot give a number
 * right now answers empty, and {@link #probe()} says why.
 * Sealed so every source the app can show is listed here and in docs/power.md.
 */
public sealed interface PowerMeter permits NvmlPowerMeter, NvidiaSmiPowerMeter, AmdHwmonPowerMeter, RaplPowerMeter,
        AppleSiliconPowerMeter, EstimatedPowerMeter, ReplayPowerMeter, SummedPowerMeter {

    /** Short name of the source, e.g. "nvidia-smi", "rapl", "estimated". */
    String source();

    /** True when the figures come from a sensor, false for a model. */
    boolean measured();

    /** Whether this meter can give figures on this machine, with the reason. May do I/O. */
    Probe probe();

    /**
     * The current draw, or empty when unavailable. Counter-based meters (RAPL) answer empty on
     * their first call, which only primes the counter.
     */
    Optional<PowerReading> read();

    /** "measured (source)" or "estimated: <figure> × load", the label the UI and the stored metrics carry. */
    default String label() {
        return labelFor(source(), measured());
    }

    /** An estimate's source already reads "estimated: Ryzen 9 7950X PPT 230 W × load"; older ones say just "estimated". */
    static String labelFor(String source, boolean measured) {
        if (measured) {
            return "measured (" + source + ")";
        }
        return source != null && source.startsWith(EstimatedPowerMeter.SOURCE) ? source : EstimatedPowerMeter.SOURCE;
    }

    /** The answer to "can this meter work here?" with a reason a person can read. */
    record Probe(boolean available, String reason) {
        public static Probe yes(String reason) {
            return new Probe(true, reason);
        }

        public static Probe no(String reason) {
            return new Probe(false, reason);
        }
    }
}
