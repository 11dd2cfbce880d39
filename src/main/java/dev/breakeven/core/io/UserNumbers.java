package dev.breakeven.core.io;

import java.util.Locale;
import java.util.Optional;

/**
 * The one place that says which numbers a person may type: every CLI option, page field and settings file value
 * goes through {@link #problem}, so NaN, Infinity, negative or absurd values (a typing slip: {@code 1e15} USD per kWh)
 * get the same clear sentence everywhere instead of "$0.000" or a saturated long further down.
 */
public final class UserNumbers {
    private UserNumbers() {
    }

    /**
     * What a kind of number may be.
     *
     * @param min         smallest allowed value
     * @param zeroAllowed false: the value must be above 0 (a size, a speed)
     * @param max         largest believable value
     * @param unit        for messages, e.g. "USD per kWh"
     */
    public record Limit(double min, boolean zeroAllowed, double max, String unit) {
        public Limit {
            if (!(min <= max)) {
                throw new IllegalArgumentException("min above max");
            }
        }
    }

    public static final Limit USD_PER_MTOK = new Limit(0, true, 10_000, "USD per million tokens");
    public static final Limit USD_PER_KWH = new Limit(0, true, 10, "USD per kWh");
    public static final Limit USD = new Limit(0, true, 100_000_000, "USD");
    public static final Limit TOKENS_PER_DAY = new Limit(0, true, 1e13, "tokens per day");
    public static final Limit HOURS_PER_DAY = new Limit(0, true, 24, "hours");
    public static final Limit MONTHS = new Limit(0, false, 600, "months");
    public static final Limit WATTS = new Limit(0, false, 100_000, "W");
    public static final Limit GIB = new Limit(0, false, 1_000_000, "GiB");
    public static final Limit HEADROOM_GIB = new Limit(0, true, 1_000, "GiB");
    public static final Limit BYTES = new Limit(0, false, 1e18, "bytes");
    public static final Limit GB_PER_SECOND = new Limit(0, false, 100_000, "GB/s");
    public static final Limit TOKENS_PER_SECOND = new Limit(0, false, 1_000_000, "tokens/s");
    public static final Limit TFLOPS = new Limit(0, false, 1_000_000, "TFLOPS");
    public static final Limit CONTEXT_TOKENS = new Limit(1, false, 10_000_000, "tokens");
    public static final Limit TOKENS = new Limit(1, false, 10_000_000, "tokens");
    /** llama.cpp segfaults or aborts on thread counts far above the machine's (issue 11): bound by this machine;
     * 0 leaves the choice to the engine. */
    public static final Limit THREADS = new Limit(0, true, Runtime.getRuntime().availableProcessors(),
            "threads (this machine has " + Runtime.getRuntime().availableProcessors() + ")");
    /** Slots of one server, or streams at once (the planner's PlanRequest.MAX_PARALLEL). */
    public static final Limit PARALLEL_SLOTS = new Limit(1, false, 256, "parallel slots");
    public static final Limit STREAMS = new Limit(1, false, 256, "streams at once");
    public static final Limit YEARS = new Limit(0, false, 50, "years");
    public static final Limit PORT = new Limit(0, true, 65_535, "(0 picks a free port)");
    public static final Limit CORES = new Limit(1, false, 4_096, "cores");
    public static final Limit TEMPERATURE = new Limit(0, true, 5, "");
    public static final Limit SHARE = new Limit(0, true, 1, "(a share from 0 to 1)");
    public static final Limit SECONDS = new Limit(0, false, 3_600, "s");
    public static final Limit COUNT = new Limit(0, true, 100_000, "");
    /** llama.cpp's -ngl: 0 … every layer; 999 is the customary "all". */
    public static final Limit GPU_LAYERS = new Limit(0, true, 999, "layers");
    /** Any other number: finite and within what a long can hold. */
    public static final Limit ANY = new Limit(-9e15, true, 9e15, "");

    /** The problem with {@code value} for {@code field}, worded for the person who typed it; empty when fine. */
    public static Optional<String> problem(String field, double value, Limit limit) {
        return problem(value, limit).map(p -> field + ": " + p);
    }

    /** The problem with {@code value} alone ("Infinity is not a finite number"), for a message beside its field. */
    public static Optional<String> problem(double value, Limit limit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Optional.of(plain(value) + " is not a finite number");
        }
        if (value < limit.min()) {
            return Optional.of(plain(value) + " is too small; it must be "
                    + (limit.min() == 0 ? "0 or more" : "at least " + plain(limit.min())) + withUnit(limit));
        }
        if (!limit.zeroAllowed() && value <= 0) {
            return Optional.of("it must be more than 0" + withUnit(limit));
        }
        if (value > limit.max()) {
            return Optional.of(plain(value) + " looks wrong; it must be at most " + plain(limit.max()) + withUnit(limit));
        }
        return Optional.empty();
    }

    /** {@link #problem}, thrown as an IllegalArgumentException; returns the value when fine. */
    public static double require(String field, double value, Limit limit) {
        Optional<String> problem = problem(field, value, limit);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return value;
    }

    private static String withUnit(Limit limit) {
        return limit.unit().isEmpty() ? "" : " " + limit.unit();
    }

    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.3g", v) : Double.toString(v);
    }
}
