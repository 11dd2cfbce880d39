package dev.breakeven.core.cost;

/** Rough price class of an API model, for grouping in the picker. */
public enum ApiTier {
    FRONTIER, MID, CHEAP;

    /**
     * A tier for an imported model that has none, from its output price: $5/M and up is frontier,
     * $0.80/M and up mid-tier, below that cheap. The thresholds sit between the tiers of the bundled catalog.
     */
    public static ApiTier byOutputPrice(double outputUsdPerMtok) {
        if (outputUsdPerMtok >= 5) {
            return FRONTIER;
        }
        return outputUsdPerMtok >= 0.8 ? MID : CHEAP;
    }
}
