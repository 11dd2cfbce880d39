package dev.breakeven.core.cost;

/**
 * What one set of point inputs costs, each way. Nullable figures are the ones that can be "never"
 * or "unknown": payback and break-even when local never gets cheaper, per-token costs at zero volume,
 * capacity without a throughput, rigs when no number of rigs can serve the load.
 */
public record CostResult(
        double tokensPerMonth,
        double apiMonthlyUsd,
        double localMonthlyUsd,
        double localCapitalMonthlyUsd,
        double localEnergyMonthlyUsd,
        double localEnergyKwhMonthly,
        double upfrontUsd,
        Double paybackMonths,
        Double breakEvenTokensPerMonth,
        Double localUsdPerMtok,
        Double apiUsdPerMtok,
        Double capacityTokensPerDay,
        Integer rigsNeeded,
        boolean keepsUp,
        double hybridMonthlyUsd) {

    /** Payback as a number for ordering and plotting: never is +infinity. */
    public double paybackOrInfinity() {
        return paybackMonths == null ? Double.POSITIVE_INFINITY : paybackMonths;
    }

    public double breakEvenOrInfinity() {
        return breakEvenTokensPerMonth == null ? Double.POSITIVE_INFINITY : breakEvenTokensPerMonth;
    }
}
