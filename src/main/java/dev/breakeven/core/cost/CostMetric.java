package dev.breakeven.core.cost;

import java.util.function.ToDoubleFunction;

/** The outputs that get a band. "Never" reads as +infinity and "unknown" as NaN so they can be ordered. */
public enum CostMetric {
    API_MONTHLY("API per month", CostResult::apiMonthlyUsd),
    LOCAL_MONTHLY("Local per month", CostResult::localMonthlyUsd),
    LOCAL_ENERGY_MONTHLY("Electricity per month", CostResult::localEnergyMonthlyUsd),
    PAYBACK_MONTHS("Payback", CostResult::paybackOrInfinity),
    BREAK_EVEN_TOKENS("Break-even volume", CostResult::breakEvenOrInfinity),
    LOCAL_USD_PER_MTOK("Local $/M tokens", r -> orNaN(r.localUsdPerMtok())),
    API_USD_PER_MTOK("API $/M tokens", r -> orNaN(r.apiUsdPerMtok())),
    HYBRID_MONTHLY("Hybrid per month", CostResult::hybridMonthlyUsd);

    private final String label;
    private final ToDoubleFunction<CostResult> reader;

    CostMetric(String label, ToDoubleFunction<CostResult> reader) {
        this.label = label;
        this.reader = reader;
    }

    public String label() {
        return label;
    }

    public double of(CostResult result) {
        return reader.applyAsDouble(result);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
