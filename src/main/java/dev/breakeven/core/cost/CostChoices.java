package dev.breakeven.core.cost;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Costs page's current choices that other places reuse (the Ledger page, {@code breakeven ledger}): the API model
 * compared against, the electricity price and the hardware's price and write-off, each as the user typed it (a
 * range stays a range when the page restores it). Saved as {@code cost-choices.json} beside the user's price
 * catalog; see {@link CostChoicesStore}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CostChoices(String apiModelId, String kwhUsd, String hardwareUsd, String otherPartsUsd,
                          String resaleUsd, String amortiseMonths) {

    /** The electricity price's central value ($/kWh), empty when blank, not a number, or negative. */
    @JsonIgnore
    public java.util.OptionalDouble usdPerKwh() {
        return central(kwhUsd);
    }

    /** What the machine cost net of its resale value: hardware + other parts − resale, never below zero. */
    @JsonIgnore
    public double netHardwareUsd() {
        double net = central(hardwareUsd).orElse(0) + central(otherPartsUsd).orElse(0) - central(resaleUsd).orElse(0);
        return Math.max(0, net);
    }

    /** The write-off period in years, empty when not a positive number of months. */
    @JsonIgnore
    public java.util.OptionalDouble amortisationYears() {
        java.util.OptionalDouble months = central(amortiseMonths);
        return months.isPresent() && months.getAsDouble() > 0
                ? java.util.OptionalDouble.of(months.getAsDouble() / 12) : java.util.OptionalDouble.empty();
    }

    private static java.util.OptionalDouble central(String text) {
        if (RangeText.parse(text) instanceof RangeText.Value v && v.range().mid() >= 0
                && Double.isFinite(v.range().mid())) {
            return java.util.OptionalDouble.of(v.range().mid());
        }
        return java.util.OptionalDouble.empty();
    }
}
