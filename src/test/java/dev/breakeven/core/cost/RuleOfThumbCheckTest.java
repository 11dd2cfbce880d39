package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic, each figure with the sum that gives it. A month is 365.25 / 12 = 30.4375 days. */
class RuleOfThumbCheckTest {
    private static final double D = 30.4375;
    private final RuleOfThumbCheck.Figures f = RuleOfThumbCheck.figures(RuleOfThumbCheck.Claim.QUOTED);

    @Test
    void threeMillionADayIsThirtyFiveTokensPerSecondAroundTheClock() {
        // 3,000,000 / 86,400 s = 34.72 tok/s
        assertThat(f.tokPerSecFor3M()).isCloseTo(34.72, within(0.01));
        // 30 × 86,400 = 2,592,000; 100 × 86,400 = 8,640,000
        assertThat(f.tokensPerDayLow()).isEqualTo(2_592_000);
        assertThat(f.tokensPerDayHigh()).isEqualTo(8_640_000);
    }

    @Test
    void roundTheClockPowerIsFortyFourToFiftySevenDollarsNotTenToTwenty() {
        // 350 W × 24 h × 30.4375 d / 1000 = 255.7 kWh; 450 W → 328.7 kWh  ("255–330 kWh/month")
        assertThat(f.kwhMonthLow()).isCloseTo(350 * 24 * D / 1000, within(1e-9)).isCloseTo(255.7, within(0.05));
        assertThat(f.kwhMonthHigh()).isCloseTo(450 * 24 * D / 1000, within(1e-9)).isCloseTo(328.7, within(0.05));
        // × $0.17 = $43.46 and $55.89  (the issue rounds to "$44–57")
        assertThat(f.powerUsdLow()).isCloseTo(255.675 * 0.17, within(1e-9)).isCloseTo(44, within(1.0));
        assertThat(f.powerUsdHigh()).isCloseTo(328.725 * 0.17, within(1e-9)).isCloseTo(57, within(1.2));
    }

    @Test
    void tenToTwentyDollarsIsFiveToTenHoursOfLoad() {
        // h = $ / (kW × 30.4375 × $0.17): $10 / (0.4 × 30.4375 × 0.17) = 4.83 h; $20 → 9.66 h
        assertThat(f.hoursAtMidWattsLow()).isCloseTo(10 / (0.4 * D * 0.17), within(1e-9)).isCloseTo(4.83, within(0.01));
        assertThat(f.hoursAtMidWattsHigh()).isCloseTo(20 / (0.4 * D * 0.17), within(1e-9)).isCloseTo(9.66, within(0.01));
        // across 350–450 W: $10 at 450 W = 4.30 h; $20 at 350 W = 11.04 h
        assertThat(f.hoursForPowerLow()).isCloseTo(10 / (0.45 * D * 0.17), within(1e-9));
        assertThat(f.hoursForPowerHigh()).isCloseTo(20 / (0.35 * D * 0.17), within(1e-9));
    }

    @Test
    void threeMillionADayCostsFarMoreThanThirtyToFiftyAtTheApi() {
        // 3M × 30.4375 × $1/M = $91.31; × $3/M = $273.94
        assertThat(f.apiSpendFor3MLow()).isCloseTo(3 * D, within(1e-9));
        assertThat(f.apiSpendFor3MHigh()).isCloseTo(9 * D, within(1e-9));
    }

    @Test
    void paybackRunsFromAboutTwoYearsToAboutTen() {
        // cheap card, $50/month (the $3/M end), $10 power: $1,000 / ($50 − $10) = 25 months ≈ 2.1 years
        assertThat(f.paybackCheapMonths()).isCloseTo(25, within(1e-9));
        // dear card, $30/month (the $1/M end), $15 power: $1,700 / ($30 − $15) = 113.3 months ≈ 9.4 years
        assertThat(f.paybackDearMidPowerMonths()).isCloseTo(1700.0 / 15, within(1e-9));
        assertThat(f.paybackDearMidPowerMonths() / 12).isCloseTo(10, within(0.7));
        // dear card with $20 power: $1,700 / $10 = 170 months
        assertThat(f.paybackDearWorstMonths()).isCloseTo(170, within(1e-9));
        // with real round-the-clock power ($43.46) even $50/month: $1,000 / ($50 − $43.46) = 153 months
        assertThat(f.paybackSmallSpend24hMonths()).isCloseTo(1000 / (50 - 255.675 * 0.17), within(1e-6));
    }

    @Test
    void twoHundredDollarsAMonthPaysBackInMonths() {
        // $1,000 / ($200 − $43.46) = 6.39; $1,700 / ($200 − $55.88) = 11.80
        assertThat(f.paybackBigSpendLowMonths()).isCloseTo(1000 / (200 - 255.675 * 0.17), within(1e-9));
        assertThat(f.paybackBigSpendHighMonths()).isCloseTo(1700 / (200 - 328.725 * 0.17), within(1e-9));
        assertThat(f.paybackBigSpendHighMonths()).isLessThan(12);
    }

    @Test
    void rowsNameWhichPartsHold() {
        var rows = RuleOfThumbCheck.rows(RuleOfThumbCheck.Claim.QUOTED);
        assertThat(rows).hasSize(6);
        assertThat(rows).extracting(RuleOfThumbCheck.Row::verdict).containsExactly(
                RuleOfThumbCheck.Verdict.ONLY_PARTLY, RuleOfThumbCheck.Verdict.DOES_NOT_HOLD,
                RuleOfThumbCheck.Verdict.DOES_NOT_HOLD, RuleOfThumbCheck.Verdict.DOES_NOT_HOLD,
                RuleOfThumbCheck.Verdict.ONLY_PARTLY, RuleOfThumbCheck.Verdict.HOLDS);
        assertThat(rows.get(1).computed()).contains("256–329 kWh/month").contains("$43.46–55.88");
        assertThat(rows.get(4).computed()).startsWith("25 months (2.1 y");
    }
}
