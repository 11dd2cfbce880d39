package dev.breakeven.core.cost;

import org.junit.jupiter.api.Test;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostModelTest {
    private static final double EPS = 1e-6;

    @Test
    void baseCaseMatchesTheSumsByHand() {
        CostResult r = CostModel.evaluate(Inputs.base());
        // API: (1M × $1 + 0.5M × $4) / 1M = $3/day × 30 days = $90
        assertThat(r.apiMonthlyUsd()).isCloseTo(90, within(EPS));
        // tokens: (1M + 0.5M) × 30 = 45M; API $/M = 90 / 45 = 2
        assertThat(r.tokensPerMonth()).isCloseTo(45e6, within(EPS));
        assertThat(r.apiUsdPerMtok()).isCloseTo(2.0, within(EPS));
        // energy: 300 W × 10 h × 30 d = 90 kWh × $0.20 = $18
        assertThat(r.localEnergyKwhMonthly()).isCloseTo(90, within(EPS));
        assertThat(r.localEnergyMonthlyUsd()).isCloseTo(18, within(EPS));
        // capital: $1,200 / 36 = $33.333; local = 33.333 + 18 = 51.333; per M = 51.333 / 45
        assertThat(r.localCapitalMonthlyUsd()).isCloseTo(1200.0 / 36, within(EPS));
        assertThat(r.localMonthlyUsd()).isCloseTo(1200.0 / 36 + 18, within(EPS));
        assertThat(r.localUsdPerMtok()).isCloseTo((1200.0 / 36 + 18) / 45, within(EPS));
        // payback: $1,200 / ($90 − $18) = 16.667 months
        assertThat(r.paybackMonths()).isCloseTo(1200.0 / 72, within(EPS));
        // break-even: fixed $33.333 / ($2/M − $0.4/M) = 20.833M tokens/month
        assertThat(r.breakEvenTokensPerMonth()).isCloseTo((1200.0 / 36) / (1.6e-6), within(1e-3));
        // capacity: 20 tok/s × 3600 × 10 h = 720,000 ≥ 500,000 output/day → one rig
        assertThat(r.capacityTokensPerDay()).isCloseTo(720_000, within(EPS));
        assertThat(r.rigsNeeded()).isEqualTo(1);
        assertThat(r.keepsUp()).isTrue();
    }

    @Test
    void slowRigNeedsTwoAndPaysBackLater() {
        CostResult r = CostModel.evaluate(Inputs.base().with(TOK_PER_SEC, 10));
        // 10 × 3600 × 10 = 360,000/day < 500,000 → ceil(1.39) = 2 rigs: $2,400 upfront, $36 power
        assertThat(r.rigsNeeded()).isEqualTo(2);
        assertThat(r.keepsUp()).isFalse();
        assertThat(r.upfrontUsd()).isCloseTo(2400, within(EPS));
        // payback 2400 / (90 − 36) = 44.444
        assertThat(r.paybackMonths()).isCloseTo(2400.0 / 54, within(EPS));
    }

    @Test
    void hybridSplitsTheBill() {
        // half to the API: $45; local keeps one rig ($33.333) and half the load power ($9)
        double mix = CostModel.hybridMonthly(Inputs.base(), 0.5);
        assertThat(mix).isCloseTo(45 + 1200.0 / 36 + 9, within(EPS));
        assertThat(CostModel.hybridMonthly(Inputs.base(), 1)).isCloseTo(90, within(EPS));
        assertThat(CostModel.hybridMonthly(Inputs.base(), 0)).isCloseTo(1200.0 / 36 + 18, within(EPS));
    }

    @Test
    void cachedInputIsBilledAtTheCachedPrice() {
        PointInputs p = Inputs.base().with(CACHED_SHARE, 0.5).with(API_CACHED_PRICE, 0.1);
        // (0.5M × $1 + 0.5M × $0.1 + 0.5M × $4) / 1M = $2.55/day × 30 = $76.5
        assertThat(CostModel.evaluate(p).apiMonthlyUsd()).isCloseTo(76.5, within(EPS));
    }

    @Test
    void growthShortensPayback() {
        // API $100/month growing 10%, no power, $250 upfront: 100 + 110 = 210, then 40 of month 3's 121
        Double months = CostModel.paybackMonths(250, 100, 0, 0, 0.10);
        assertThat(months).isCloseTo(2 + 40.0 / 121, within(EPS));
    }

    @Test
    void idlePowerCountsEveryCalendarDay() {
        PointInputs p = Inputs.base().with(WATTS_IDLE, 50);
        // 50 W × 24 h × 30.4375 d = 36.525 kWh, plus (300 − 50) W × 10 h × 30 d = 75 kWh
        assertThat(CostModel.evaluate(p).localEnergyKwhMonthly()).isCloseTo(36.525 + 75, within(EPS));
    }

    @Test
    void freeApiNeverPaysBack() {
        PointInputs p = Inputs.base().with(API_INPUT_PRICE, 0).with(API_OUTPUT_PRICE, 0).with(API_CACHED_PRICE, 0);
        CostResult r = CostModel.evaluate(p);
        assertThat(r.apiMonthlyUsd()).isZero();
        assertThat(r.paybackMonths()).isNull();
        assertThat(r.breakEvenTokensPerMonth()).isNull();
    }

    @Test
    void freePowerPaysBackOnHardwareAlone() {
        CostResult r = CostModel.evaluate(Inputs.base().with(KWH_USD, 0));
        // 1200 / (90 − 0)
        assertThat(r.paybackMonths()).isCloseTo(1200.0 / 90, within(EPS));
        assertThat(r.localEnergyMonthlyUsd()).isZero();
    }

    @Test
    void hardwareAlreadyOwnedPaysBackImmediately() {
        CostResult r = CostModel.evaluate(Inputs.base().with(HARDWARE_USD, 0));
        assertThat(r.paybackMonths()).isZero();
        assertThat(r.breakEvenTokensPerMonth()).isZero();
    }

    @Test
    void powerDearerThanTheApiNeverPaysBack() {
        // energy $18 × 10 = $180 > $90 API
        CostResult r = CostModel.evaluate(Inputs.base().with(KWH_USD, 2.0));
        assertThat(r.paybackMonths()).isNull();
        assertThat(r.breakEvenTokensPerMonth()).isNull();
    }

    @Test
    void noWorkloadHasNoPerTokenCost() {
        PointInputs p = Inputs.base().with(INPUT_TOKENS_PER_DAY, 0).with(OUTPUT_TOKENS_PER_DAY, 0);
        CostResult r = CostModel.evaluate(p);
        assertThat(r.localUsdPerMtok()).isNull();
        assertThat(r.apiUsdPerMtok()).isNull();
        assertThat(r.paybackMonths()).isNull();
    }

    @Test
    void unknownThroughputMeansUnknownCapacityAndOneRig() {
        CostResult r = CostModel.evaluate(Inputs.base().with(TOK_PER_SEC, Double.NaN));
        assertThat(r.capacityTokensPerDay()).isNull();
        assertThat(r.rigsNeeded()).isEqualTo(1);
    }

    @Test
    void zeroLoadHoursCannotServeWork() {
        CostResult r = CostModel.evaluate(Inputs.base().with(LOAD_HOURS, 0));
        assertThat(r.capacityTokensPerDay()).isZero();
        assertThat(r.rigsNeeded()).isNull();
        assertThat(r.keepsUp()).isFalse();
    }

    @Test
    void resaleLowersTheAmortisedCost() {
        CostResult r = CostModel.evaluate(Inputs.base().with(RESALE_USD, 300));
        // (1200 − 300) / 36 = 25
        assertThat(r.localCapitalMonthlyUsd()).isCloseTo(25, within(EPS));
    }
}
