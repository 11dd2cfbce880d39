package dev.breakeven.core.router;

import dev.breakeven.core.cost.CostModel;
import dev.breakeven.core.cost.PointInputs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.breakeven.core.cost.CostInput.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingSimulationTest {
    private final Router router = new Router(new RoutingRules(100, List.of("prove"), false, 0));

    /** 1M in + 0.5M out a day for 30 days at $1/$4 per M; a $1,200 rig over 36 months at 300 W, 10 h/day, $0.20/kWh. */
    private static PointInputs workload() {
        return PointInputs.blank()
                .with(API_INPUT_PRICE, 1).with(API_OUTPUT_PRICE, 4).with(API_CACHED_PRICE, 1)
                .with(INPUT_TOKENS_PER_DAY, 1_000_000).with(OUTPUT_TOKENS_PER_DAY, 500_000)
                .with(WORKING_DAYS, 30)
                .with(HARDWARE_USD, 1200).with(AMORTIZE_MONTHS, 36)
                .with(WATTS_LOAD, 300).with(LOAD_HOURS, 10).with(KWH_USD, 0.20)
                .with(TOK_PER_SEC, 20);
    }

    @Test
    void countsRequestAndTokenSharesSeparately() {
        // "prove it" is 8 chars = 2 tokens to the API; two 12-char prompts = 3 tokens each stay local.
        List<RouteRequest> sample = List.of(RouteRequest.of("prove it"), RouteRequest.of("hello there!"),
                RouteRequest.of("hello again!"));
        RoutingSimulation.Result r = RoutingSimulation.run(router, sample);
        assertThat(r.requests()).isEqualTo(3);
        assertThat(r.apiRequests()).isEqualTo(1);
        assertThat(r.apiTokens()).isEqualTo(2);
        assertThat(r.localTokens()).isEqualTo(6);
        assertThat(r.apiRequestShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.apiTokenShare()).isCloseTo(0.25, within(1e-12));
        assertThat(r.routed()).extracting(x -> x.decision().label()).containsExactly("API", "Local", "Local");
    }

    @Test
    void theMixIsPricedAtTheTokenShareWithCoreCostsHybridFormula() {
        List<RouteRequest> sample = List.of(RouteRequest.of("prove it"), RouteRequest.of("hello there!"),
                RouteRequest.of("hello again!"));
        RoutingSimulation.MixCost cost = RoutingSimulation.cost(RoutingSimulation.run(router, sample), workload());
        // all API: ($1 × 1M + $4 × 0.5M)/M = $3/day × 30 = $90
        assertThat(cost.allApiMonthlyUsd()).isCloseTo(90, within(1e-9));
        // all local: $1,200/36 = $33.33 + 300 W × 10 h × 30 d = 90 kWh × $0.20 = $18 → $51.33
        assertThat(cost.allLocalMonthlyUsd()).isCloseTo(1200.0 / 36 + 18, within(1e-9));
        // 25%: API $22.50 + capital $33.33 + power $18 × 0.75 = $13.50 → $69.33
        assertThat(cost.mixMonthlyUsd()).isCloseTo(22.5 + 1200.0 / 36 + 13.5, within(1e-9));
        assertThat(cost.mixMonthlyUsd()).isCloseTo(CostModel.hybridMonthly(workload(), 0.25), within(1e-12));
        assertThat(cost.apiShare()).isEqualTo(0.25);
        assertThat(cost.cheapest()).isEqualTo("all local");
    }

    @Test
    void anEmptySampleSendsNothingToTheApi() {
        RoutingSimulation.Result r = RoutingSimulation.run(router, List.of());
        assertThat(r.requests()).isZero();
        assertThat(r.apiRequestShare()).isZero();
        assertThat(r.apiTokenShare()).isZero();
        RoutingSimulation.MixCost cost = RoutingSimulation.cost(r, workload());
        assertThat(cost.mixMonthlyUsd()).isEqualTo(cost.allLocalMonthlyUsd());
    }

    @Test
    void emptyPromptsFallBackToTheRequestShare() {
        Router always = new Router(new RoutingRules(0, List.of(), false, 1));
        RoutingSimulation.Result r = RoutingSimulation.run(always,
                List.of(new RouteRequest("", 2, null), RouteRequest.of("")));
        assertThat(r.apiTokens() + r.localTokens()).isZero();
        assertThat(r.apiTokenShare()).isEqualTo(0.5);
    }
}
