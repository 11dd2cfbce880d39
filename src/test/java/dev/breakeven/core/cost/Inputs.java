package dev.breakeven.core.cost;

import static dev.breakeven.core.cost.CostInput.*;

/** The hand-checked base case used across the cost tests; every figure is worked out in CostModelTest. */
final class Inputs {
    private Inputs() {
    }

    /** 1M in + 0.5M out a day for 30 days at $1/$4 per M; a $1,200 rig at 300 W for 10 h/day at $0.20/kWh. */
    static PointInputs base() {
        return PointInputs.blank()
                .with(API_INPUT_PRICE, 1).with(API_OUTPUT_PRICE, 4).with(API_CACHED_PRICE, 1)
                .with(INPUT_TOKENS_PER_DAY, 1_000_000).with(OUTPUT_TOKENS_PER_DAY, 500_000)
                .with(WORKING_DAYS, 30)
                .with(HARDWARE_USD, 1200).with(AMORTIZE_MONTHS, 36)
                .with(WATTS_LOAD, 300).with(LOAD_HOURS, 10).with(KWH_USD, 0.20)
                .with(TOK_PER_SEC, 20);
    }
}
