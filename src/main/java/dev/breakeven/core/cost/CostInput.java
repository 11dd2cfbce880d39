package dev.breakeven.core.cost;

/**
 * Every number the cost model takes, with what validation needs to know about it.
 * The model reads inputs by this key, so ranges, sensitivity and the form all share one list.
 *
 * @param label       the name a person reads
 * @param unit        shown beside the value
 * @param zeroAllowed whether 0 is a sensible value (free power, no resale) or a mistake (0 amortisation months)
 * @param max         above this the value is taken to be a typing slip ("absurd")
 * @param optional    may be left blank (only throughput: without it capacity is unknown)
 */
public enum CostInput {
    API_INPUT_PRICE("API input price", "$/M tokens", true, 1_000, false),
    API_OUTPUT_PRICE("API output price", "$/M tokens", true, 1_000, false),
    API_CACHED_PRICE("API cached-input price", "$/M tokens", true, 1_000, false),
    CACHED_SHARE("Share of input cached", "fraction", true, 1, false),
    INPUT_TOKENS_PER_DAY("Input tokens per day", "tokens", true, 1e12, false),
    OUTPUT_TOKENS_PER_DAY("Output tokens per day", "tokens", true, 1e12, false),
    WORKING_DAYS("Working days per month", "days", false, 31, false),
    MONTHLY_GROWTH("Monthly growth", "fraction", true, 1, false),
    HARDWARE_USD("Hardware price", "$", true, 10_000_000, false),
    OTHER_PARTS_USD("Other parts", "$", true, 10_000_000, false),
    AMORTIZE_MONTHS("Amortisation", "months", false, 240, false),
    RESALE_USD("Resale value", "$", true, 10_000_000, false),
    WATTS_LOAD("Power under load", "W", true, 100_000, false),
    WATTS_IDLE("Power idle", "W", true, 100_000, false),
    LOAD_HOURS("Load hours per day", "h", true, 24, false),
    KWH_USD("Electricity price", "$/kWh", true, 5, false),
    TOK_PER_SEC("Throughput", "tok/s", false, 100_000, true),
    API_SHARE("Share of requests to the API", "fraction", true, 1, false);

    private final String label;
    private final String unit;
    private final boolean zeroAllowed;
    private final double max;
    private final boolean optional;

    CostInput(String label, String unit, boolean zeroAllowed, double max, boolean optional) {
        this.label = label;
        this.unit = unit;
        this.zeroAllowed = zeroAllowed;
        this.max = max;
        this.optional = optional;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean zeroAllowed() {
        return zeroAllowed;
    }

    public double max() {
        return max;
    }

    public boolean optional() {
        return optional;
    }

    /** Growth may be negative (a shrinking workload); everything else is a quantity or a price. */
    public double min() {
        return this == MONTHLY_GROWTH ? -0.5 : 0;
    }
}
