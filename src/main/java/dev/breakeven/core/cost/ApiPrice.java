package dev.breakeven.core.cost;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One API model's prices in US dollars per million tokens, with when and where they were checked.
 * {@code cachedInputUsdPerMtok} is null when the provider publishes no cached-input price (then input price applies).
 */
public record ApiPrice(
        String id,
        String name,
        String provider,
        ApiTier tier,
        double inputUsdPerMtok,
        double outputUsdPerMtok,
        Double cachedInputUsdPerMtok,
        long contextWindow,
        String checked,
        String source) {

    public ApiPrice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier of " + id);
        if (name == null || name.isBlank()) {
            name = id;
        }
        if (!(inputUsdPerMtok >= 0) || !(outputUsdPerMtok >= 0)
                || (cachedInputUsdPerMtok != null && !(cachedInputUsdPerMtok >= 0))) {
            throw new IllegalArgumentException("prices of " + id + " must be non-negative numbers");
        }
        try {
            LocalDate.parse(checked);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("checked date of " + id + " must be YYYY-MM-DD, got " + checked);
        }
    }

    public LocalDate checkedOn() {
        return LocalDate.parse(checked);
    }

    /** The price cached input is billed at: the cached price if published, else the normal input price. */
    public double effectiveCachedUsdPerMtok() {
        return cachedInputUsdPerMtok == null ? inputUsdPerMtok : cachedInputUsdPerMtok;
    }

    public ApiPrice withPrices(double input, double output, Double cached, LocalDate checkedOn, String newSource) {
        return new ApiPrice(id, name, provider, tier, input, output, cached, contextWindow, checkedOn.toString(),
                newSource);
    }

    /** These prices as point inputs of the cost model. */
    public PointInputs applyTo(PointInputs inputs) {
        return inputs.with(CostInput.API_INPUT_PRICE, inputUsdPerMtok)
                .with(CostInput.API_OUTPUT_PRICE, outputUsdPerMtok)
                .with(CostInput.API_CACHED_PRICE, effectiveCachedUsdPerMtok());
    }
}
