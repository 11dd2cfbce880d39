package dev.breakeven.core.cost;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a scenario with ranges: the central evaluation, a band per output, the two payback cases
 * (every input at its payback-shortening end, and at its payback-lengthening end) and the one-at-a-time swings.
 */
public record CostBands(
        CostResult central,
        Map<CostMetric, Band> bands,
        PointInputs centralInputs,
        PointInputs optimisticInputs,
        PointInputs pessimisticInputs,
        List<Swing> swings) {

    public CostBands {
        bands = Map.copyOf(new EnumMap<>(bands));
        swings = List.copyOf(swings);
    }

    public Band band(CostMetric metric) {
        return bands.get(metric);
    }

    /** One input moved to its low and high ends with every other input at its central value. */
    public record Swing(CostInput input, double lowValue, double highValue, CostResult atLow, CostResult atHigh) {
    }
}
