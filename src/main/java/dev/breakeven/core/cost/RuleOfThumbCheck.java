package dev.breakeven.core.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.breakeven.core.cost.CostInput.*;

/**
 * The rule of thumb users quote, taken apart: each of its parts computed across the claim's own ranges with the
 * same formulas as the cost model, and a verdict on whether the part holds.
 */
public final class RuleOfThumbCheck {

    /** The numbers in the sentence being checked. */
    public record Claim(double cardLowUsd, double cardHighUsd, double wattsLow, double wattsHigh,
                        double powerLowUsdMonth, double powerHighUsdMonth, double tokPerSecLow, double tokPerSecHigh,
                        double tokensPerDay, double apiLowUsdPerMtok, double apiHighUsdPerMtok,
                        double apiSpendLowUsdMonth, double apiSpendHighUsdMonth, double kwhUsd,
                        double bigSpendUsdMonth) {
        /** "A 24 GB card ($1,000–1,700, 350–450 W, $10–20/month of power) running a 27B-class quant at 30–100 tok/s
         * serves ~3M tokens/day; against a mid-tier API at $1–3 per million output tokens, over $30–50/month of API
         * spend local pays back in 2–3 years, over $200/month in months", at the US average $0.17/kWh. */
        public static final Claim QUOTED = new Claim(1000, 1700, 350, 450, 10, 20, 30, 100, 3_000_000, 1, 3,
                30, 50, 0.17, 200);
    }

    public enum Verdict { HOLDS, ONLY_PARTLY, DOES_NOT_HOLD }

    /** One part of the claim beside what the arithmetic gives, with the sum written out. */
    public record Row(String part, String claimed, String computed, Verdict verdict, String arithmetic) {
    }

    /** The figures behind the rows, for tests and the report. */
    public record Figures(double tokPerSecFor3M, double tokensPerDayLow, double tokensPerDayHigh,
                          double kwhMonthLow, double kwhMonthHigh, double powerUsdLow, double powerUsdHigh,
                          double hoursForPowerLow, double hoursForPowerHigh, double hoursAtMidWattsLow,
                          double hoursAtMidWattsHigh, double apiSpendFor3MLow, double apiSpendFor3MHigh,
                          double paybackCheapMonths, double paybackDearMidPowerMonths, double paybackDearWorstMonths,
                          Double paybackSmallSpend24hMonths, double paybackBigSpendLowMonths,
                          double paybackBigSpendHighMonths) {
    }

    private RuleOfThumbCheck() {
    }

    public static Figures figures(Claim c) {
        double secondsPerDay = 24 * 3600;
        double days = CostModel.CALENDAR_DAYS_PER_MONTH;
        double kwhLow = kwh24h(c, c.wattsLow());
        double kwhHigh = kwh24h(c, c.wattsHigh());
        double midWatts = (c.wattsLow() + c.wattsHigh()) / 2;
        double powerMid = (c.powerLowUsdMonth() + c.powerHighUsdMonth()) / 2;
        return new Figures(
                c.tokensPerDay() / secondsPerDay,
                c.tokPerSecLow() * secondsPerDay, c.tokPerSecHigh() * secondsPerDay,
                kwhLow, kwhHigh, kwhLow * c.kwhUsd(), kwhHigh * c.kwhUsd(),
                hoursFor(c.powerLowUsdMonth(), c.wattsHigh(), c), hoursFor(c.powerHighUsdMonth(), c.wattsLow(), c),
                hoursFor(c.powerLowUsdMonth(), midWatts, c), hoursFor(c.powerHighUsdMonth(), midWatts, c),
                c.tokensPerDay() * days * c.apiLowUsdPerMtok() / 1e6,
                c.tokensPerDay() * days * c.apiHighUsdPerMtok() / 1e6,
                payback(c.cardLowUsd(), c.apiSpendHighUsdMonth(), c.powerLowUsdMonth()),
                payback(c.cardHighUsd(), c.apiSpendLowUsdMonth(), powerMid),
                payback(c.cardHighUsd(), c.apiSpendLowUsdMonth(), c.powerHighUsdMonth()),
                CostModel.paybackMonths(c.cardLowUsd(), c.apiSpendHighUsdMonth(), 0, kwhLow * c.kwhUsd(), 0),
                payback(c.cardLowUsd(), c.bigSpendUsdMonth(), kwhLow * c.kwhUsd()),
                payback(c.cardHighUsd(), c.bigSpendUsdMonth(), kwhHigh * c.kwhUsd()));
    }

    public static List<Row> rows(Claim c) {
        Figures f = figures(c);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Throughput", "30–100 tok/s serves ~3M tokens/day",
                fmt("3M/day needs %.1f tok/s for 24 h; 30–100 tok/s for 24 h is %.2fM–%.2fM/day",
                        f.tokPerSecFor3M(), f.tokensPerDayLow() / 1e6, f.tokensPerDayHigh() / 1e6),
                Verdict.ONLY_PARTLY,
                fmt("3,000,000 ÷ 86,400 s = %.1f tok/s; 30 × 86,400 = %.0f; 100 × 86,400 = %.0f",
                        f.tokPerSecFor3M(), f.tokensPerDayLow(), f.tokensPerDayHigh())));
        rows.add(new Row("Power for that", "$10–20/month of power",
                fmt("%.0f–%.0f kWh/month, $%.2f–%.2f/month at $%.2f/kWh", f.kwhMonthLow(), f.kwhMonthHigh(),
                        f.powerUsdLow(), f.powerUsdHigh(), c.kwhUsd()),
                Verdict.DOES_NOT_HOLD,
                fmt("350 W × 24 h × %.2f d = %.1f kWh; 450 W × 24 h × %.2f d = %.1f kWh; × $%.2f",
                        CostModel.CALENDAR_DAYS_PER_MONTH, f.kwhMonthLow(), CostModel.CALENDAR_DAYS_PER_MONTH,
                        f.kwhMonthHigh(), c.kwhUsd())));
        rows.add(new Row("What $10–20 of power buys", "runs around the clock",
                fmt("%.1f–%.1f h/day of load at 400 W (%.1f–%.1f h across 350–450 W)", f.hoursAtMidWattsLow(),
                        f.hoursAtMidWattsHigh(), f.hoursForPowerLow(), f.hoursForPowerHigh()),
                Verdict.DOES_NOT_HOLD,
                fmt("h = $ ÷ (kW × %.2f d × $%.2f): $10 ÷ (0.40 × %.2f × %.2f) = %.1f h; $20 → %.1f h",
                        CostModel.CALENDAR_DAYS_PER_MONTH, c.kwhUsd(), CostModel.CALENDAR_DAYS_PER_MONTH, c.kwhUsd(),
                        f.hoursAtMidWattsLow(), f.hoursAtMidWattsHigh())));
        rows.add(new Row("API spend for 3M tokens/day", "$30–50/month of API spend",
                fmt("$%.0f–%.0f/month at $1–3/M; $30–50/month is %.2fM–%.2fM tokens/day", f.apiSpendFor3MLow(),
                        f.apiSpendFor3MHigh(), c.apiSpendLowUsdMonth() / (c.apiHighUsdPerMtok()
                                * CostModel.CALENDAR_DAYS_PER_MONTH),
                        c.apiSpendHighUsdMonth() / (c.apiLowUsdPerMtok() * CostModel.CALENDAR_DAYS_PER_MONTH)),
                Verdict.DOES_NOT_HOLD,
                fmt("3M × %.2f d × $1/M = $%.2f; × $3/M = $%.2f", CostModel.CALENDAR_DAYS_PER_MONTH,
                        f.apiSpendFor3MLow(), f.apiSpendFor3MHigh())));
        rows.add(new Row("Payback at $30–50/month", "2–3 years",
                fmt("%.0f months (%.1f y, cheap card, $50 spend, $10 power) to %.0f months (%.1f y, dear card, $30, "
                                + "$15 power); %.0f months at $20 power; %s with round-the-clock power",
                        f.paybackCheapMonths(), f.paybackCheapMonths() / 12, f.paybackDearMidPowerMonths(),
                        f.paybackDearMidPowerMonths() / 12, f.paybackDearWorstMonths(),
                        f.paybackSmallSpend24hMonths() == null ? "never"
                                : fmt("%.0f months at best", f.paybackSmallSpend24hMonths())),
                Verdict.ONLY_PARTLY,
                fmt("$1,000 ÷ ($50 − $10) = %.0f; $1,700 ÷ ($30 − $15) = %.0f; $1,700 ÷ ($30 − $20) = %.0f",
                        f.paybackCheapMonths(), f.paybackDearMidPowerMonths(), f.paybackDearWorstMonths())));
        rows.add(new Row("Payback at $200/month", "in months",
                fmt("%.1f–%.1f months even with round-the-clock power", f.paybackBigSpendLowMonths(),
                        f.paybackBigSpendHighMonths()),
                Verdict.HOLDS,
                fmt("$1,000 ÷ ($200 − $%.2f) = %.1f; $1,700 ÷ ($200 − $%.2f) = %.1f", f.powerUsdLow(),
                        f.paybackBigSpendLowMonths(), f.powerUsdHigh(), f.paybackBigSpendHighMonths())));
        return rows;
    }

    private static double kwh24h(Claim c, double watts) {
        PointInputs p = PointInputs.blank().with(WATTS_LOAD, watts).with(LOAD_HOURS, 24)
                .with(WORKING_DAYS, CostModel.CALENDAR_DAYS_PER_MONTH).with(KWH_USD, c.kwhUsd());
        return CostModel.kwhPerRigMonthly(p, 1);
    }

    private static double hoursFor(double usdPerMonth, double watts, Claim c) {
        return usdPerMonth / (watts / 1000 * CostModel.CALENDAR_DAYS_PER_MONTH * c.kwhUsd());
    }

    private static double payback(double card, double apiMonthly, double powerMonthly) {
        Double months = CostModel.paybackMonths(card, apiMonthly, 0, powerMonthly, 0);
        return months == null ? Double.POSITIVE_INFINITY : months;
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
