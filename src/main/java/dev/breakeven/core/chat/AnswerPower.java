package dev.breakeven.core.chat;

import java.util.OptionalDouble;

/** Power over one answer: begun when generation starts, ended with its energy. Thread-safe. */
public interface AnswerPower {

    /**
     * The energy of one answer; null figures when nothing could be sampled.
     *
     * @param joulesAboveIdle the energy over the idle draw taken before the answer (measured on a sensor, the
     *                        estimate's modelled idle otherwise); null when no idle draw is known
     */
    record Figures(Double averageWatts, Double joules, String source, boolean measured, Double joulesAboveIdle) {
        public Figures(Double averageWatts, Double joules, String source, boolean measured) {
            this(averageWatts, joules, source, measured, null);
        }

        public static Figures none() {
            return new Figures(null, null, null, false);
        }

        /**
         * What {@code wattsSource} says in the CLI's output: "unavailable", "measured (rapl)", or the estimate with
         * its basis ("estimated: AMD EPYC 9R14 TDP 360 W × 2/96 cores × load"), so a user can check the figure.
         */
        public String label() {
            if (averageWatts == null) {
                return "unavailable";
            }
            if (measured) {
                return "measured (" + source + ")";
            }
            if (source == null || source.isBlank()) {
                return "estimated";
            }
            return source.startsWith("estimated") ? source : "estimated: " + source;
        }
    }

    void begin();

    Figures end();

    /** The latest watts while an answer runs. */
    OptionalDouble liveWatts();

    /** Joules so far in the running answer. */
    OptionalDouble liveJoules();

    /** "measured (source)", "estimated" or "unavailable". */
    String label();

    /** No power figures at all (no meter wired). */
    static AnswerPower none() {
        return new AnswerPower() {
            @Override
            public void begin() {
            }

            @Override
            public Figures end() {
                return Figures.none();
            }

            @Override
            public OptionalDouble liveWatts() {
                return OptionalDouble.empty();
            }

            @Override
            public OptionalDouble liveJoules() {
                return OptionalDouble.empty();
            }

            @Override
            public String label() {
                return "unavailable";
            }
        };
    }
}
