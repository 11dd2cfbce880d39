package dev.breakeven.core.cost;

import java.util.Comparator;
import java.util.List;

/**
 * Which input moves payback most: one bar per ranged input, from payback at its low end to payback at its high end,
 * largest swing first. "Never" is drawn at {@link #CAP_MONTHS} so it still has a length.
 */
public final class Tornado {
    /** Ten years: beyond this a hardware purchase is "never" for practical purposes. */
    public static final double CAP_MONTHS = 120;

    private Tornado() {
    }

    public record Bar(CostInput input, double lowValue, double highValue,
                      Double paybackAtLow, Double paybackAtHigh, double centralPayback) {
        public double lowCapped() {
            return cap(paybackAtLow);
        }

        public double highCapped() {
            return cap(paybackAtHigh);
        }

        public double swing() {
            return Math.abs(highCapped() - lowCapped());
        }
    }

    public static List<Bar> of(CostBands bands) {
        double central = cap(bands.central().paybackMonths());
        return bands.swings().stream()
                .map(s -> new Bar(s.input(), s.lowValue(), s.highValue(),
                        s.atLow().paybackMonths(), s.atHigh().paybackMonths(), central))
                .sorted(Comparator.comparingDouble(Bar::swing).reversed())
                .toList();
    }

    static double cap(Double months) {
        return months == null ? CAP_MONTHS : Math.min(months, CAP_MONTHS);
    }
}
