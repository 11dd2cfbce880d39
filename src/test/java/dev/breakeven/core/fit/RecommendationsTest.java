package dev.breakeven.core.fit;

import dev.breakeven.core.models.CatalogModel;
import org.junit.jupiter.api.Test;

import static dev.breakeven.core.fit.FitPlannerTest.MODELS;
import static dev.breakeven.core.fit.FitPlannerTest.QUANTS;
import static dev.breakeven.core.fit.FitPlannerTest.gpu;
import static dev.breakeven.core.fit.FitPlannerTest.request;
import static org.assertj.core.api.Assertions.assertThat;

class RecommendationsTest {
    private final FitPlanner planner = FitPlanner.standard();
    private final Recommendations recommendations = new Recommendations(planner);

    @Test
    void bestQuantIsTheMostBitsThatStillFitsFully() {
        CatalogModel m = MODELS.find("qwen2.5-14b").orElseThrow();
        PlanRequest template = request("qwen2.5-14b", "Q4_K_M", 8192, gpu(12, 64));
        var best = recommendations.bestFullQuant(m, QUANTS.quants(), template).orElseThrow();
        assertThat(best.plan().verdict()).isEqualTo(Verdict.FULL);
        for (var q : QUANTS.quants()) {
            if (q.bitsPerWeight() > best.quant().bitsPerWeight()) {
                assertThat(recommendations.plan(m, q, template).verdict()).as(q.id()).isNotEqualTo(Verdict.FULL);
            }
        }
        assertThat(best.quant().bitsPerWeight()).isBetween(4.0, 8.0);
    }

    @Test
    void largestModelAtAQualityFloorGrowsWithVram() {
        PlanRequest small = request("llama-3.1-8b", "Q4_K_M", 8192, gpu(12, 64));
        PlanRequest big = small.withTarget(gpu(48, 128));
        var onSmall = recommendations.largestFullModel(MODELS.models(), QUANTS.quants(), 5.0, small).orElseThrow();
        var onBig = recommendations.largestFullModel(MODELS.models(), QUANTS.quants(), 5.0, big).orElseThrow();
        assertThat(onBig.model().shape().parameterCount()).isGreaterThan(onSmall.model().shape().parameterCount());
        assertThat(onSmall.quant().qualityLossPercent()).isLessThanOrEqualTo(5.0);
        assertThat(onSmall.plan().verdict()).isEqualTo(Verdict.FULL);
    }

    @Test
    void contextLimitIsWhereTheVerdictChanges() {
        PlanRequest r = request("llama-3.1-8b", "Q8_0", 4096, gpu(12, 64));
        int limit = recommendations.maxContextKeepingVerdict(r, 131072);
        assertThat(limit).isBetween(4096, 131071);
        assertThat(planner.plan(r.withContext(limit)).verdict()).isEqualTo(Verdict.FULL);
        assertThat(planner.plan(r.withContext(limit + 1)).verdict()).isNotEqualTo(Verdict.FULL);
        assertThat(recommendations.maxContextKeepingVerdict(r.withTarget(gpu(80, 128)), 131072)).isEqualTo(131072);
    }
}
