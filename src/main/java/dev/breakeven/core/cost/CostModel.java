package dev.breakeven.core.cost;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * The cost arithmetic for one set of point inputs. Every formula here is written out in docs/costs.md.
 * Pure functions of {@link PointInputs}; cheap enough to call thousands of times per redraw.
 */
public final class CostModel {
    /** A calendar month on average: 365.25 / 12 days. Power is drawn every day, not only on working days. */
    public static final double CALENDAR_DAYS_PER_MONTH = 365.25 / 12;
    /** Payback is searched for this long (100 years); beyond it local "never" pays back. */
    public static final int PAYBACK_HORIZON_MONTHS = 1200;
    private static final double MILLION = 1_000_000;

    private CostModel() {
    }

    public static CostResult evaluate(PointInputs p) {
        double tokensPerMonth = tokensPerMonth(p);
        double api = apiMonthly(p, 1);
        Double capacity = capacityTokensPerDay(p);
        Integer rigs = rigsNeeded(p.get(OUTPUT_TOKENS_PER_DAY), capacity);
        int rigCount = rigs == null ? 1 : rigs;
        boolean keepsUp = rigs != null && rigCount == 1;

        double idleEnergy = rigCount * idleEnergyMonthlyUsd(p);
        double loadEnergy = rigCount * loadEnergyMonthlyUsd(p, 1);
        double energy = idleEnergy + loadEnergy;
        double capital = rigCount * capitalMonthlyPerRig(p);
        double local = capital + energy;
        double upfront = rigCount * upfrontPerRig(p);
        double kwh = rigCount * kwhPerRigMonthly(p, 1);

        Double payback = paybackMonths(upfront, api, idleEnergy, loadEnergy, p.get(MONTHLY_GROWTH));
        Double breakEven = breakEvenTokensPerMonth(p, tokensPerMonth, api);
        return new CostResult(tokensPerMonth, api, local, capital, energy, kwh, upfront, payback, breakEven,
                perMillion(local, tokensPerMonth), perMillion(api, tokensPerMonth), capacity, rigs, keepsUp,
                hybridMonthly(p, p.get(API_SHARE)));
    }

    public static double tokensPerMonth(PointInputs p) {
        return (p.get(INPUT_TOKENS_PER_DAY) + p.get(OUTPUT_TOKENS_PER_DAY)) * p.get(WORKING_DAYS);
    }

    /** API bill for a share of the workload: uncached input, cached input and output at their prices. */
    public static double apiMonthly(PointInputs p, double share) {
        double in = p.get(INPUT_TOKENS_PER_DAY) * share;
        double out = p.get(OUTPUT_TOKENS_PER_DAY) * share;
        double cached = clamp01(p.get(CACHED_SHARE));
        double perDay = (in * (1 - cached) * p.get(API_INPUT_PRICE)
                + in * cached * p.get(API_CACHED_PRICE)
                + out * p.get(API_OUTPUT_PRICE)) / MILLION;
        return perDay * p.get(WORKING_DAYS);
    }

    /** API price per million tokens of this workload's mix (input, cached input, output); null without a mix. */
    public static Double blendedApiUsdPerMtok(PointInputs p) {
        double tokens = tokensPerMonth(p);
        return perMillion(apiMonthly(p, 1), tokens);
    }

    /** Output tokens one rig generates per day: tok/s × 3600 × load hours. Null when throughput is unknown. */
    public static Double capacityTokensPerDay(PointInputs p) {
        if (!p.has(TOK_PER_SEC)) {
            return null;
        }
        return p.get(TOK_PER_SEC) * 3600 * p.get(LOAD_HOURS);
    }

    /**
     * Rigs needed to generate the output tokens each day: ceil(output / capacity), at least one.
     * Unknown capacity counts as one rig that keeps up; zero capacity against real work is null (no number suffices).
     */
    public static Integer rigsNeeded(double outputTokensPerDay, Double capacity) {
        if (capacity == null || outputTokensPerDay <= 0) {
            return 1;
        }
        if (capacity <= 0) {
            return null;
        }
        double rigs = Math.ceil(outputTokensPerDay / capacity - 1e-9);
        return (int) Math.max(1, Math.min(rigs, Integer.MAX_VALUE));
    }

    /** kWh one rig draws in a month: idle all day every day, plus the load-above-idle for the load hours of working days. */
    public static double kwhPerRigMonthly(PointInputs p, double loadFraction) {
        double idle = p.get(WATTS_IDLE) * 24 * CALENDAR_DAYS_PER_MONTH;
        double load = (p.get(WATTS_LOAD) - p.get(WATTS_IDLE)) * p.get(LOAD_HOURS) * loadFraction * p.get(WORKING_DAYS);
        return (idle + load) / 1000;
    }

    public static double idleEnergyMonthlyUsd(PointInputs p) {
        return p.get(WATTS_IDLE) * 24 * CALENDAR_DAYS_PER_MONTH / 1000 * p.get(KWH_USD);
    }

    public static double loadEnergyMonthlyUsd(PointInputs p, double loadFraction) {
        return (p.get(WATTS_LOAD) - p.get(WATTS_IDLE)) * p.get(LOAD_HOURS) * loadFraction * p.get(WORKING_DAYS)
                / 1000 * p.get(KWH_USD);
    }

    public static double upfrontPerRig(PointInputs p) {
        return p.get(HARDWARE_USD) + p.get(OTHER_PARTS_USD);
    }

    /** Straight-line amortisation of what the rig costs less what it sells for at the end. */
    public static double capitalMonthlyPerRig(PointInputs p) {
        double months = p.get(AMORTIZE_MONTHS);
        if (!(months > 0)) {
            return 0;
        }
        return Math.max(0, upfrontPerRig(p) - p.get(RESALE_USD)) / months;
    }

    /**
     * Months until the API bills avoided have paid for the hardware: the first t where
     * Σ (API − local running cost) reaches the upfront price, linear within a month.
     * With no growth this is exactly upfront / (API monthly − energy monthly).
     * Null ("never") when savings never reach it within {@link #PAYBACK_HORIZON_MONTHS}; 0 when nothing is paid upfront
     * and local running is cheaper from the start.
     */
    public static Double paybackMonths(double upfront, double apiMonthly, double idleEnergy, double loadEnergy,
                                       double growth) {
        double growing = apiMonthly - loadEnergy;
        double factor = 1;
        double saved = 0;
        if (upfront <= 0) {
            return growing - idleEnergy > 0 ? 0.0 : null;
        }
        for (int month = 0; month < PAYBACK_HORIZON_MONTHS; month++) {
            double saving = growing * factor - idleEnergy;
            if (saving > 0 && saved + saving >= upfront) {
                return month + (upfront - saved) / saving;
            }
            saved += saving;
            factor *= 1 + growth;
            if (!Double.isFinite(factor)) {
                return null;
            }
        }
        return null;
    }

    /**
     * Monthly token volume at which one rig's cost (amortised capital + idle power + power per token) equals the
     * API bill: fixed / (API $ per token − local energy $ per token). Null when local's marginal cost per token is at
     * or above the API's, or there is no workload mix to price.
     */
    static Double breakEvenTokensPerMonth(PointInputs p, double tokensPerMonth, double apiMonthly) {
        if (!(tokensPerMonth > 0)) {
            return null;
        }
        double apiPerToken = apiMonthly / tokensPerMonth;
        double localPerToken = loadEnergyMonthlyUsd(p, 1) / tokensPerMonth;
        double fixed = capitalMonthlyPerRig(p) + idleEnergyMonthlyUsd(p);
        if (apiPerToken <= localPerToken) {
            return null;
        }
        return Math.max(0, fixed) / (apiPerToken - localPerToken);
    }

    /**
     * Monthly cost when a share of requests goes to the API and the rest runs locally. The local part keeps its
     * capital (the rigs still needed for the remainder) and its load hours shrink with the share; all-API buys no rig.
     */
    public static double hybridMonthly(PointInputs p, double apiShare) {
        double share = clamp01(apiShare);
        double api = apiMonthly(p, share);
        if (share >= 1) {
            return api;
        }
        double localShare = 1 - share;
        Integer rigs = rigsNeeded(p.get(OUTPUT_TOKENS_PER_DAY) * localShare, capacityTokensPerDay(p));
        int n = rigs == null ? 1 : rigs;
        return api + n * (capitalMonthlyPerRig(p) + idleEnergyMonthlyUsd(p) + loadEnergyMonthlyUsd(p, localShare));
    }

    static Double perMillion(double usd, double tokens) {
        return tokens > 0 ? usd / tokens * MILLION : null;
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
