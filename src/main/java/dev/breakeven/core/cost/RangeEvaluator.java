package dev.breakeven.core.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns ranged inputs into central values and bands without evaluating all 2^n corners.
 *
 * <p>Each ranged input is swung to its low and high end alone (2n evaluations). For each output, the input's end
 * that raised it goes into that output's "high case" and the end that lowered it into its "low case"; both cases
 * are then evaluated (2 more per output). This is exact when each output moves monotonically in each input and
 * the directions do not flip between corners, which holds for the cost formulas except at rig-count steps;
 * the band is widened to cover every one-at-a-time value as well, so it never excludes a value already seen.
 */
public final class RangeEvaluator {
    private RangeEvaluator() {
    }

    public static CostBands evaluate(RangeInputs inputs) {
        PointInputs mid = inputs.mid();
        CostResult central = CostModel.evaluate(mid);
        List<CostBands.Swing> swings = new ArrayList<>();
        for (Map.Entry<CostInput, Range> e : inputs.asMap().entrySet()) {
            Range r = e.getValue();
            if (r.isPoint()) {
                continue;
            }
            CostResult atLow = CostModel.evaluate(mid.with(e.getKey(), r.low()));
            CostResult atHigh = CostModel.evaluate(mid.with(e.getKey(), r.high()));
            swings.add(new CostBands.Swing(e.getKey(), r.low(), r.high(), atLow, atHigh));
        }
        Map<CostMetric, Band> bands = new EnumMap<>(CostMetric.class);
        PointInputs optimistic = mid;
        PointInputs pessimistic = mid;
        for (CostMetric metric : CostMetric.values()) {
            PointInputs highCase = mid;
            PointInputs lowCase = mid;
            double lo = metric.of(central);
            double hi = lo;
            for (CostBands.Swing s : swings) {
                double vLow = metric.of(s.atLow());
                double vHigh = metric.of(s.atHigh());
                boolean highEndRaises = compare(vHigh, vLow) >= 0;
                highCase = highCase.with(s.input(), highEndRaises ? s.highValue() : s.lowValue());
                lowCase = lowCase.with(s.input(), highEndRaises ? s.lowValue() : s.highValue());
                lo = min(lo, min(vLow, vHigh));
                hi = max(hi, max(vLow, vHigh));
            }
            double vHighCase = metric.of(CostModel.evaluate(highCase));
            double vLowCase = metric.of(CostModel.evaluate(lowCase));
            bands.put(metric, new Band(min(lo, vLowCase), metric.of(central), max(hi, vHighCase)));
            if (metric == CostMetric.PAYBACK_MONTHS) {
                optimistic = lowCase;
                pessimistic = highCase;
            }
        }
        return new CostBands(central, bands, mid, optimistic, pessimistic, swings);
    }

    /** NaN (unknown) sorts as equal so it never decides a direction. */
    private static int compare(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return 0;
        }
        return Double.compare(a, b);
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
